using System.Text.Json;
using PodIdentity.Plugin.Hosting.Internal;

namespace PodIdentity.Plugin.Hosting.Tests;

public sealed class HandshakeTests
{
    private const string Cookie = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";

    private static Func<string, string?> Env(params (string Key, string Value)[] values) =>
        key => values.FirstOrDefault(v => v.Key == key).Value;

    [Fact]
    public void LineHasSixFieldsAndUnpaddedCertificate()
    {
        // 4 bytes encode to "AQIDBA==" in padded base64.
        var line = HandshakeLine.Format("unix", "/tmp/x/plugin.sock", [1, 2, 3, 4]);
        Assert.Equal("1|6|unix|/tmp/x/plugin.sock|grpc|AQIDBA\n", line);
    }

    [Fact]
    public void LineForTcpAndPlaintext()
    {
        Assert.Equal("1|6|tcp|127.0.0.1:12345|grpc|\n", HandshakeLine.Format("tcp", "127.0.0.1:12345", null));
    }

    [Fact]
    public void AcceptsTerraformsEnvironment()
    {
        Assert.Null(HandshakeEnvironment.Check(Env(("TF_PLUGIN_MAGIC_COOKIE", Cookie), ("PLUGIN_PROTOCOL_VERSIONS", "5,6"))));
        Assert.Null(HandshakeEnvironment.Check(Env(("TF_PLUGIN_MAGIC_COOKIE", Cookie), ("PLUGIN_PROTOCOL_VERSIONS", "6"))));
        Assert.Null(HandshakeEnvironment.Check(Env(("TF_PLUGIN_MAGIC_COOKIE", Cookie), ("PLUGIN_PROTOCOL_VERSIONS", "6, 5"))));
    }

    [Fact]
    public void RefusesMissingOrWrongCookie()
    {
        var missing = HandshakeEnvironment.Check(Env(("PLUGIN_PROTOCOL_VERSIONS", "6")));
        Assert.NotNull(missing);
        Assert.Contains("Terraform", missing);
        Assert.NotNull(HandshakeEnvironment.Check(Env(("TF_PLUGIN_MAGIC_COOKIE", "x"), ("PLUGIN_PROTOCOL_VERSIONS", "6"))));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("5")]
    [InlineData("4,5")]
    [InlineData("16,60")]
    public void RefusesWhenSixIsNotOffered(string? versions)
    {
        var env = versions is null
            ? Env(("TF_PLUGIN_MAGIC_COOKIE", Cookie))
            : Env(("TF_PLUGIN_MAGIC_COOKIE", Cookie), ("PLUGIN_PROTOCOL_VERSIONS", versions));
        var problem = HandshakeEnvironment.Check(env);
        Assert.NotNull(problem);
        Assert.Contains("protocol 6", problem);
    }

    [Fact]
    public void ReattachJsonNamesTheFullAddressAndTestFlag()
    {
        var json = ReattachLine.Json("podidentity/aws", 4242, "unix", "/tmp/p/plugin.sock");
        using var doc = JsonDocument.Parse(json);
        var entry = doc.RootElement.GetProperty("registry.terraform.io/podidentity/aws");
        Assert.Equal("grpc", entry.GetProperty("Protocol").GetString());
        Assert.Equal(6, entry.GetProperty("ProtocolVersion").GetInt32());
        Assert.Equal(4242, entry.GetProperty("Pid").GetInt32());
        Assert.True(entry.GetProperty("Test").GetBoolean());
        Assert.Equal("unix", entry.GetProperty("Addr").GetProperty("Network").GetString());
        Assert.Equal("/tmp/p/plugin.sock", entry.GetProperty("Addr").GetProperty("String").GetString());
        Assert.Equal("registry.terraform.io/podidentity/aws", ReattachLine.FullAddress("registry.terraform.io/podidentity/aws"));
    }

    [Fact]
    public void ReattachExplanationHasAPasteableLine()
    {
        var text = ReattachLine.Explanation("podidentity/aws", 7, "unix", "/tmp/p/plugin.sock");
        var line = text.Split('\n').Single(l => l.StartsWith("TF_REATTACH_PROVIDERS=", StringComparison.Ordinal));
        Assert.StartsWith("TF_REATTACH_PROVIDERS='{", line);
        Assert.EndsWith("}'", line);
    }
}
