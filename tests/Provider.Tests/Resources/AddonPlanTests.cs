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
        var proposed = prior.WithAttribute("configuration_values", config.GetAttribute("configuration_values"));

        var plan = (await rig.PlanAsync(config, prior, proposed)).Plan;

        Assert.Equal(prior, plan);
    }

    [Fact]
    public async Task AVersionChangeMakesStatusAndModifiedAtUnknownAndANamespaceChangeReplaces()
    {
        using var rig = new AddonRig();
        var prior = rig.State();
        var config = rig.Config(("addon_version", "v1.3.11-eksbuild.1"));
        var response = await rig.PlanAsync(config, prior, prior.WithString("addon_version", "v1.3.11-eksbuild.1"));
        Assert.False(response.Plan.GetAttribute("status").IsKnown);
        Assert.False(response.Plan.GetAttribute("modified_at").IsKnown);
        Assert.Empty(response.RequiresReplace);

        var ns = CtyValue.List(rig.NamespaceType, [CtyValue.Object(rig.NamespaceType, new Dictionary<string, CtyValue> { ["namespace"] = CtyValue.String("agents") })]);
        var moved = await rig.PlanAsync(rig.Config(("namespace_config", ns)), prior, prior.WithAttribute("namespace_config", ns));
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

        async Task<Diagnostics> PlanAssociation()
        {
            var response = new ModifyPlanResponse { Plan = associations.CreatePlan(config) };
            await association.ModifyPlanAsync(
                new ModifyPlanRequest { Config = config, Plan = response.Plan, PriorState = CtyValue.Null(associations.Type) },
                response, CancellationToken.None);
            return response.Diagnostics;
        }

        var first = Assert.Single(await PlanAssociation());
        Assert.Equal(DiagnosticSeverity.Warning, first.Severity);
        Assert.Contains("is not installed", first.Detail);
        Assert.Single(await PlanAssociation());
        Assert.Equal(1, rig.Eks.Count(DescribeAgent));

        // The agent planned for creation in the same plan (another cluster context would not count).
        await rig.PlanAsync(rig.Config(), CtyValue.Null(rig.Type), rig.CreatePlan(rig.Config()));
        Assert.Empty(await PlanAssociation());

        using var skipped = new AddonRig(skipAgentCheck: true);
        var response = new ModifyPlanResponse { Plan = associations.CreatePlan(config) };
        association.Configure(skipped.Context);
        await association.ModifyPlanAsync(
            new ModifyPlanRequest { Config = config, Plan = response.Plan, PriorState = CtyValue.Null(associations.Type) },
            response, CancellationToken.None);
        Assert.Empty(response.Diagnostics);
        Assert.Empty(skipped.Eks.Requests);
    }

    [Fact]
    public async Task AgentCheckIsQuietWhenTheAgentIsActive()
    {
        using var rig = new AddonRig();
        using var associations = new AssociationRig();
        rig.Eks.Ok(DescribeAgent, Addon("ACTIVE"));
        var config = associations.Config();
        var response = new ModifyPlanResponse { Plan = associations.CreatePlan(config) };
        var association = new PodIdentityAssociationResource(RolePropagationRetry.Default);
        association.Configure(rig.Context);
        await association.ModifyPlanAsync(
            new ModifyPlanRequest { Config = config, Plan = response.Plan, PriorState = CtyValue.Null(associations.Type) },
            response, CancellationToken.None);
        Assert.Empty(response.Diagnostics);
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
        async Task<Diagnostics> PlanAssociation(CancellationToken token)
        {
            var response = new ModifyPlanResponse { Plan = associations.CreatePlan(config) };
            await association.ModifyPlanAsync(
                new ModifyPlanRequest { Config = config, Plan = response.Plan, PriorState = CtyValue.Null(associations.Type) }, response, token);
            return response.Diagnostics;
        }

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
