using System.Net;
using PodIdentity.Plugin.Framework;
using PodIdentity.Plugin.Values;
using PodIdentity.Provider.Associations;
using static PodIdentity.Provider.Tests.Resources.AddonRig;

namespace PodIdentity.Provider.Tests.Resources;

public sealed class AddonPlanTests
{
    [Fact]
    public async Task ReformattedConfigurationValuesPlanNoChange()
    {
        using var rig = new AddonRig();
        var prior = rig.State(("configuration_values", """{"a": {"b": 1}}"""));
        var config = rig.Config(("configuration_values", "a:\n  b: 1\n"));
        var plan = (await rig.PlanAsync(config, prior)).Plan;

        Assert.Equal(prior, plan);
    }

    [Fact]
    public async Task AVersionChangeMakesStatusAndModifiedAtUnknownAndANamespaceChangeReplaces()
    {
        using var rig = new AddonRig();
        var prior = rig.State();
        var config = rig.Config(("addon_version", "v1.3.11-eksbuild.1"));
        var response = await rig.PlanAsync(config, prior);
        Assert.False(response.Plan.GetAttribute("status").IsKnown);
        Assert.False(response.Plan.GetAttribute("modified_at").IsKnown);
        Assert.Empty(response.RequiresReplace);

        var ns = CtyValue.List(rig.NamespaceType, [CtyValue.Object(rig.NamespaceType, new Dictionary<string, CtyValue> { ["namespace"] = CtyValue.String("agents") })]);
        var moved = await rig.PlanAsync(rig.Config(("namespace_config", ns)), prior);
        Assert.Equal([AttributePath.Root.Attribute("namespace_config")], moved.RequiresReplace);
    }

    [Fact]
    public async Task AgentCheckWarnsOncePerClusterAndNotWhenTheAgentIsPlannedOrSkipped()
    {
        using var rig = new AddonRig();
        using var associations = new AssociationRig();
        rig.Eks.Error(DescribeAgent, HttpStatusCode.NotFound, "ResourceNotFoundException", "No addon: eks-pod-identity-agent found in cluster: lab");
        var association = new PodIdentityAssociationResource(RolePropagationRetry.Default);
        association.Configure(rig.Context);
        var config = associations.Config();

        var driver = new PlanDriver(association);
        async Task<Diagnostics> PlanAssociation() => (await driver.PlanCreateAsync(config)).Diagnostics;

        var first = Assert.Single(await PlanAssociation());
        Assert.Equal(DiagnosticSeverity.Warning, first.Severity);
        Assert.Contains("is not installed", first.Detail);
        Assert.Single(await PlanAssociation());
        Assert.Equal(1, rig.Eks.Count(DescribeAgent));

        // The agent planned for creation in the same plan (another cluster context would not count).
        await rig.PlanAsync(rig.Config());
        Assert.Empty(await PlanAssociation());

        using var skipped = new AddonRig(skipAgentCheck: true);
        association.Configure(skipped.Context);
        Assert.Empty(await PlanAssociation());
        Assert.Empty(skipped.Eks.Requests);
    }

    [Fact]
    public async Task AgentCheckIsQuietWhenTheAgentIsActive()
    {
        using var rig = new AddonRig();
        using var associations = new AssociationRig();
        rig.Eks.Ok(DescribeAgent, Addon("ACTIVE"));
        var association = new PodIdentityAssociationResource(RolePropagationRetry.Default);
        association.Configure(rig.Context);
        Assert.Empty((await new PlanDriver(association).PlanCreateAsync(associations.Config())).Diagnostics);
        Assert.Equal(1, rig.Eks.Count(DescribeAgent));
    }

    [Fact]
    public async Task AgentCheckOfOneCallerIsNotCancelledWithAnotherCallersToken()
    {
        using var rig = new AddonRig();
        using var associations = new AssociationRig();
        rig.Eks.Error(DescribeAgent, HttpStatusCode.NotFound, "ResourceNotFoundException", "No addon: eks-pod-identity-agent found in cluster: lab");
        var association = new PodIdentityAssociationResource(RolePropagationRetry.Default);
        association.Configure(rig.Context);
        var config = associations.Config();
        var driver = new PlanDriver(association);
        async Task<Diagnostics> PlanAssociation(CancellationToken token) => (await driver.PlanCreateAsync(config, cancellationToken: token)).Diagnostics;

        // The first plan call is cancelled (Ctrl-C on one walk); the lookup it started still serves the next one.
        try
        {
            await PlanAssociation(new CancellationToken(canceled: true));
        }
        catch (OperationCanceledException)
        {
            // That caller's own wait may end early; the shared lookup must not.
        }

        var warning = Assert.Single(await PlanAssociation(CancellationToken.None));
        Assert.Contains("is not installed", warning.Detail);
        Assert.Equal(1, rig.Eks.Count(DescribeAgent));
    }
}
