using PodIdentity.Aws.Clients;
using PodIdentity.Plugin.Framework;
using PodIdentity.Plugin.Values;
using PodIdentity.Provider.Addons;

namespace PodIdentity.Provider.Tests.Resources;

public sealed class AddonValueTests
{
    private const string Json = """{"agent":{"additionalArgs":{"-b":"169.254.170.23"}},"replicas":2,"enabled":true,"list":["a","b"]}""";

    [Theory]
    [InlineData("""
        {
          "list": ["a", "b"],
          "enabled": true,
          "replicas": 2.0,
          "agent": { "additionalArgs": { "-b": "169.254.170.23" } }
        }
        """)]
    [InlineData("""
        # the agent's flags
        agent:
          additionalArgs:
            "-b": 169.254.170.23
        replicas: 2
        enabled: true
        list:
          - a
          - 'b'
        """)]
    [InlineData("""
        agent: {"additionalArgs": {"-b": "169.254.170.23"}}
        replicas: 2
        enabled: true
        list: ["a", "b"]
        """)]
    public void TheSameDocumentWrittenDifferentlyIsEquivalent(string text)
    {
        Assert.True(AddonConfigValues.Equivalent(Json, text));
        Assert.Null(AddonConfigValues.Problem(text));
    }

    [Theory]
    [InlineData("""{"replicas":3,"enabled":true}""")]
    [InlineData("replicas: 2\nenabled: \"true\"")]
    [InlineData("replicas: 2\nextra: 1\nenabled: true")]
    public void ADifferentDocumentIsAChange(string text) =>
        Assert.False(AddonConfigValues.Equivalent("""{"replicas":2,"enabled":true}""", text));

    [Fact]
    public void NestedSequencesOfMappingsParse() =>
        Assert.True(AddonConfigValues.Equivalent(
            """{"tolerations":[{"key":"a","effect":"NoSchedule"},{"key":"b"}]}""",
            "tolerations:\n- key: a\n  effect: NoSchedule\n- key: b\n"));

    [Theory]
    [InlineData("{ not json")]
    [InlineData("just a string")]
    [InlineData("a: 1\n  b: 2")]
    public void InvalidDocumentsAreProblems(string text) => Assert.NotNull(AddonConfigValues.Problem(text));

    [Fact]
    public void NullAndEmptyAreEquivalentToEachOtherOnly()
    {
        Assert.True(AddonConfigValues.Equivalent(null, ""));
        Assert.False(AddonConfigValues.Equivalent(null, "{}"));
    }

    [Theory]
    [InlineData("20m", 1200)]
    [InlineData("1h30m", 5400)]
    [InlineData("45s", 45)]
    [InlineData("1.5m", 90)]
    public void DurationsParseLikeGo(string text, int seconds)
    {
        Assert.True(AddonTimeouts.TryParse(text, out var d));
        Assert.Equal(TimeSpan.FromSeconds(seconds), d);
    }

    [Theory]
    [InlineData("")]
    [InlineData("20")]
    [InlineData("m20")]
    [InlineData("20 m")]
    [InlineData("-5m")]
    public void BadDurationsDoNotParse(string text) => Assert.False(AddonTimeouts.TryParse(text, out _));

    [Theory]
    [InlineData("lab:eks-pod-identity-agent", "lab", "eks-pod-identity-agent", null)]
    [InlineData("lab:vpc-cni@eu-west-1", "lab", "vpc-cni", "eu-west-1")]
    public void ImportIdsParse(string id, string cluster, string addon, string? region) =>
        Assert.Equal(new AddonImportId(cluster, addon, region), AddonImportId.Parse(id, out _));

    [Theory]
    [InlineData("lab,eks-pod-identity-agent")]
    [InlineData("lab:")]
    [InlineData("a:b:c")]
    [InlineData("lab:vpc-cni@")]
    public void BadImportIdsAreRefused(string id)
    {
        Assert.Null(AddonImportId.Parse(id, out var problem));
        Assert.NotEmpty(problem);
    }

    [Theory]
    [InlineData("v1.3.10-eksbuild.2", true)]
    [InlineData("v1.21.1-eksbuild.1", true)]
    [InlineData("1.3.10-eksbuild.2", false)]
    [InlineData("v1.3", false)]
    [InlineData("latest", false)]
    public void VersionsAreValidated(string version, bool valid)
    {
        var diagnostics = new Diagnostics();
        AddonValidators.Version.Validate(AttributePath.Root.Attribute("addon_version"), CtyValue.String(version), diagnostics);
        Assert.Equal(valid, !diagnostics.HasErrors);
    }

    [Fact]
    public void VersionDataSourcePicksTheDefaultOrTheNewestCompatible()
    {
        static AddonVersionInfo V(string version, params (string Cluster, bool Default)[] compat) => new()
        {
            AddonVersion = version,
            Compatibilities = compat.Select(c => new Compatibility { ClusterVersion = c.Cluster, DefaultVersion = c.Default }).ToList(),
        };

        var versions = new[]
        {
            V("v1.3.9-eksbuild.1", ("1.33", false)),
            V("v1.3.10-eksbuild.2", ("1.33", true)),
            V("v1.3.11-eksbuild.1", ("1.33", false)),
            V("v1.4.0-eksbuild.1", ("1.34", false)),
        };
        Assert.Equal("v1.3.10-eksbuild.2", AddonVersionDataSource.Choose(versions, "1.33", mostRecent: false));
        Assert.Equal("v1.3.11-eksbuild.1", AddonVersionDataSource.Choose(versions, "1.33", mostRecent: true));
        Assert.Null(AddonVersionDataSource.Choose(versions, "1.29", mostRecent: true));
    }
}
