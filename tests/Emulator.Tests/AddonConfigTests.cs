using PodIdentity.Emulator.Eks;
using PodIdentity.Emulator.Protocol;

namespace PodIdentity.Emulator.Tests;

public sealed class AddonConfigTests
{
    private static AddonDefinition Addon(string name) => AddonCatalog.Find(name)!;

    [Theory]
    [InlineData("eks-pod-identity-agent", """{"agent":{"additionalArgs":{"-b":"169.254.170.23"}},"tolerations":[{"operator":"Exists"}]}""")]
    [InlineData("eks-pod-identity-agent", "resources:\n  limits:\n    cpu: 100m\n")]
    [InlineData("coredns", "replicaCount: 3\n")]
    [InlineData("coredns", """{"replicaCount": 3}""")]
    [InlineData("vpc-cni", """{"env":{"WARM_IP_TARGET":"5"}}""")]
    [InlineData("kube-proxy", "mode: ipvs")]
    [InlineData("coredns", "")]
    public void AcceptsValuesThatFitTheSchema(string addon, string values) =>
        AddonConfigValidator.Validate(values, Addon(addon));

    [Theory]
    [InlineData("eks-pod-identity-agent", """{"bogus":true}""")]
    [InlineData("coredns", """{"replicaCount":"three"}""")]
    [InlineData("coredns", "replicaCount: three")]
    [InlineData("coredns", "replicaCount: 2.5")]
    [InlineData("kube-proxy", "mode: userspace")]
    [InlineData("vpc-cni", """{"env":{"WARM_IP_TARGET":5}}""")]
    [InlineData("coredns", "[1, 2]")]
    [InlineData("coredns", "just a string")]
    [InlineData("coredns", "{ not: [valid")]
    public void RejectsValuesThatDoNot(string addon, string values)
    {
        var e = Assert.Throws<AwsError>(() => AddonConfigValidator.Validate(values, Addon(addon)));
        Assert.Equal("InvalidParameterException", e.Code);
        Assert.StartsWith("ConfigurationValue provided in request is not supported", e.Message);
    }

    [Fact]
    public void PodIdentityAgentCatalogHasOneDefaultPerVersionAndANewerLatest()
    {
        var agent = Addon("eks-pod-identity-agent");
        foreach (var k8s in new[] { "1.29", "1.30", "1.31", "1.32", "1.33", "1.34" })
        {
            Assert.Single(agent.Versions, v => v.DefaultFor.Contains(k8s));
        }
        Assert.NotNull(agent.Find("v1.3.10-eksbuild.2"));
        Assert.Equal("v1.3.11-eksbuild.1", agent.Versions[0].Version);
    }
}
