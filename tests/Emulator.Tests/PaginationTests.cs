using PodIdentity.Emulator.Eks;

namespace PodIdentity.Emulator.Tests;

public sealed class PaginationTests
{
    private static Exception Invalid(string m) => new InvalidOperationException(m);

    [Fact]
    public void WalksEveryItemOnceInKeyOrder()
    {
        var items = Enumerable.Range(0, 25).Select(i => $"k{i:D3}").Reverse().ToList();
        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var (page, next) = Pagination.Page(items, x => x, 10, token, Invalid);
            seen.AddRange(page);
            token = next;
            pages++;
        }
        while (token is not null);
        Assert.Equal(3, pages);
        Assert.Equal(items.Order(StringComparer.Ordinal), seen);
    }

    [Fact]
    public void ExactlyFullPageHasNoNextToken()
    {
        var (page, next) = Pagination.Page(["a", "b"], x => x, 2, null, Invalid);
        Assert.Equal(2, page.Count);
        Assert.Null(next);
    }

    [Fact]
    public void SurvivesDeletionOfTheLastReturnedItem()
    {
        var (_, next) = Pagination.Page(["a", "b", "c", "d"], x => x, 2, null, Invalid);
        var (page, _) = Pagination.Page(["a", "c", "d"], x => x, 2, next, Invalid);
        Assert.Equal(["c", "d"], page);
    }

    [Theory]
    [InlineData("garbage!")]
    [InlineData("Zm9vYmFy")]
    public void RejectsTokensItDidNotIssue(string token) =>
        Assert.Throws<InvalidOperationException>(() => Pagination.Page(["a"], x => x, 1, token, Invalid));
}
