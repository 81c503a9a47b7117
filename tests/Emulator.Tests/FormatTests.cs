using System.Text.RegularExpressions;
using PodIdentity.Emulator.Eks;
using PodIdentity.Emulator.State;

namespace PodIdentity.Emulator.Tests;

public sealed class FormatTests
{
    [Fact]
    public void AssociationIdsAreAPlus17LowercaseAlphanumerics()
    {
        var ids = Enumerable.Range(0, 200).Select(_ => Ids.AssociationId()).ToList();
        Assert.All(ids, id => Assert.Matches(new Regex("^a-[a-z0-9]{17}$"), id));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void ArnsFollowAwsFormats()
    {
        Assert.Equal("arn:aws:eks:eu-west-1:123456789012:podidentityassociation/demo/a-1",
            EksArns.Association("eu-west-1", "123456789012", "demo", "a-1"));
        Assert.Equal("arn:aws:eks:eu-west-1:123456789012:cluster/demo", EksArns.Cluster("eu-west-1", "123456789012", "demo"));
        Assert.Matches("^AROA[A-Z0-9]{17}$", Ids.RoleId());
        Assert.Matches("^ASIA[A-Z0-9]{16}$", Ids.SessionAccessKeyId());
    }

    [Theory]
    [InlineData("arn:aws:iam::123456789012:role/x", "123456789012", "x")]
    [InlineData("arn:aws:iam::123456789012:role/a/b/x", "123456789012", "x")]
    public void ParsesRoleArns(string arn, string account, string name) =>
        Assert.Equal((account, name), EksArns.ParseRole(arn));

    [Theory]
    [InlineData("arn:aws:iam::123456789012:user/x")]
    [InlineData("arn:aws:iam::12345:role/x")]
    [InlineData("arn:aws:s3:::bucket")]
    [InlineData("role/x")]
    [InlineData("arn:aws:iam::123456789012:role/")]
    public void RejectsNonRoleArns(string arn) => Assert.Null(EksArns.ParseRole(arn));
}
