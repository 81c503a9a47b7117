using System.Buffers.Text;
using System.Text;

namespace PodIdentity.Emulator.Eks;

/// <summary>
/// Opaque nextToken paging over a key-sorted sequence. The token names the last key returned, so deletes and
/// inserts between pages neither repeat nor skip the items that stay.
/// </summary>
internal static class Pagination
{
    private const string Prefix = "emu1:";

    public static (List<T> Page, string? NextToken) Page<T>(IEnumerable<T> items, Func<T, string> key, int max,
        string? token, Func<string, Exception> invalidToken)
    {
        var after = token is null ? null : Decode(token) ?? throw invalidToken("The nextToken provided is not valid.");
        var sorted = items.OrderBy(key, StringComparer.Ordinal)
            .Where(i => after is null || string.CompareOrdinal(key(i), after) > 0);
        var page = sorted.Take(max + 1).ToList();
        if (page.Count <= max)
        {
            return (page, null);
        }
        page.RemoveAt(max);
        return (page, Encode(key(page[^1])));
    }

    public static string Encode(string lastKey) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(Prefix + lastKey));

    public static string? Decode(string token)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
            return text.StartsWith(Prefix, StringComparison.Ordinal) ? text[Prefix.Length..] : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
