using PodIdentity.Plugin.Hosting.Internal;

namespace PodIdentity.Plugin.Hosting.Tests;

public sealed class PercentEncodingTests
{
    [Theory]
    [InlineData("plain message", "plain message")]
    [InlineData("100% done", "100%25 done")]
    [InlineData("line1\nline2", "line1%0Aline2")]
    [InlineData("tab\there", "tab%09here")]
    [InlineData("caf\u00e9", "caf%C3%A9")]
    [InlineData("\u4f60", "%E4%BD%A0")]
    [InlineData("~!\"#$&'()*+,-./:;<=>?@[\\]^_`{|}", "~!\"#$&'()*+,-./:;<=>?@[\\]^_`{|}")]
    public void EncodesLikeTheGrpcSpec(string message, string expected)
    {
        Assert.Equal(expected, PercentEncoding.Encode(message));
        Assert.Equal(message, PercentEncoding.Decode(expected));
    }

    [Fact]
    public void EncodedTextIsPrintableAscii()
    {
        var encoded = PercentEncoding.Encode("\u0000\u0001\u007f\u00ff\ud83d\ude00%");
        Assert.All(encoded, c => Assert.InRange(c, ' ', '~'));
        Assert.Equal("\u0000\u0001\u007f\u00ff\ud83d\ude00%", PercentEncoding.Decode(encoded));
    }
}
