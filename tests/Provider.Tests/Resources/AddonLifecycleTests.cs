using System.Net;
using System.Text.Json.Nodes;
using PodIdentity.Plugin.Framework;
using PodIdentity.Plugin.Values;
using PodIdentity.Provider.Addons;
using static PodIdentity.Provider.Tests.Resources.AddonRig;

namespace PodIdentity.Provider.Tests.Resources;

public sealed class AddonLifecycleTests
{
    [Fact]
    public async Task CreateSendsTheArgumentsAndPollsWithBackoffUntilActive()
    {
        using var rig = new AddonRig();
        rig.Eks.Ok(CreateAddon, Addon("CREATING"))
            .Ok(DescribeAgent, Addon("CREATING")).Ok(DescribeAgent, Addon("CREATING")).Ok(DescribeAgent, Addon("ACTIVE", configurationValues: """{"a": 1}"""));
        var config = rig.Config(("configuration_values", "a: 1"), ("resolve_conflicts_on_create", "OVERWRITE"));

        var response = await rig.CreateAsync(config);

        Assert.Empty(response.Diagnostics);
        var body = Assert.Single(rig.Eks.Of(CreateAddon)).Json;
        Assert.Equal("eks-pod-identity-agent", (string?)body["addonName"]);
        Assert.Equal("OVERWRITE", (string?)body["resolveConflicts"]);
        Assert.Equal("a: 1", (string?)body["configurationValues"]);
        Assert.Null(body["podIdentityAssociations"]);
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)], rig.Waits);
        var state = response.State;
        Assert.True(state.IsWhollyKnown);
        Assert.Equal("lab:eks-pod-identity-agent", state.GetString("id"));
        Assert.Equal(AgentArn, state.GetString("arn"));
        Assert.Equal("ACTIVE", state.GetString("status"));
        Assert.Equal("v1.3.10-eksbuild.2", state.GetString("addon_version"));
        // The same document as YAML keeps the user's text.
        Assert.Equal("a: 1", state.GetString("configuration_values"));
        Assert.Equal("2026-01-01T00:00:00Z", state.GetString("created_at"));
    }

    [Fact]
    public async Task CreateFailedIsAnErrorWithHealthIssuesAndKeepsState()
    {
        using var rig = new AddonRig();
        var issues = new JsonArray(new JsonObject { ["code"] = "InsufficientNumberOfReplicas", ["message"] = "no nodes" });
        rig.Eks.Ok(CreateAddon, Addon("CREATING")).Ok(DescribeAgent, Addon("CREATE_FAILED", issues: issues));

        var response = await rig.CreateAsync(rig.Config());

        var error = Assert.Single(response.Diagnostics);
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.Contains("InsufficientNumberOfReplicas: no nodes", error.Detail);
        Assert.Equal("CREATE_FAILED", response.State.GetString("status"));
        Assert.Equal("lab:eks-pod-identity-agent", response.State.GetString("id"));
        var issue = Assert.Single(response.State.GetAttribute("health_issues").Elements);
        Assert.Equal("InsufficientNumberOfReplicas", issue.GetString("code"));
    }

    [Fact]
    public async Task DegradedWaitsForTheTimeoutUnlessAccepted()
    {
        using (var rig = new AddonRig())
        {
            rig.Eks.Ok(CreateAddon, Addon("CREATING")).Ok(DescribeAgent, Addon("DEGRADED"));
            var response = await rig.CreateAsync(rig.Config(("timeouts", rig.Timeouts(create: "30s"))));
            var error = Assert.Single(response.Diagnostics);
            Assert.Contains("Timed out", error.Summary);
            Assert.Contains("still DEGRADED", error.Detail);
            Assert.Contains("accept_degraded", error.Detail);
            Assert.Equal(TimeSpan.FromSeconds(30), rig.Waits.Aggregate(TimeSpan.Zero, (a, b) => a + b));
            Assert.Equal("DEGRADED", response.State.GetString("status"));
        }

        using (var rig = new AddonRig())
        {
            rig.Eks.Ok(CreateAddon, Addon("CREATING")).Ok(DescribeAgent, Addon("DEGRADED"));
            var response = await rig.CreateAsync(rig.Config(("accept_degraded", true)));
            var warning = Assert.Single(response.Diagnostics);
            Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
            Assert.Single(rig.Waits);
        }
    }

    [Fact]
    public async Task UpdateSendsOnlyWhatChangedAndReportsAFailedUpdateWithTheConflictHint()
    {
        using var rig = new AddonRig();
        var prior = rig.State(("configuration_values", """{"a":1}"""));
        var plan = prior.WithString("addon_version", "v1.3.11-eksbuild.1").WithString("configuration_values", "a: 1")
            .WithString("resolve_conflicts_on_update", "PRESERVE");
        var input = AddonResource.UpdateRequestFor(prior, plan)!;
        Assert.Equal("v1.3.11-eksbuild.1", input.AddonVersion);
        Assert.Equal("PRESERVE", input.ResolveConflicts);
        Assert.Null(input.ConfigurationValues);
        Assert.Null(input.PodIdentityAssociations);
        Assert.Null(input.ServiceAccountRoleArn);

        rig.Eks.Ok(UpdateAddon, Update("InProgress"))
            .Ok("GET /clusters/lab/updates/u-1", Update("InProgress"))
            .Ok("GET /clusters/lab/updates/u-1", Update("Failed", [new JsonObject { ["errorCode"] = "ConfigurationConflict", ["errorMessage"] = "field managed elsewhere" }]))
            .Ok(DescribeAgent, Addon("ACTIVE"));
        var response = new UpdateResponse { State = plan };
        await rig.Resource.UpdateAsync(new UpdateRequest { Config = plan, Plan = plan, PriorState = prior }, response, CancellationToken.None);

        var error = Assert.Single(response.Diagnostics);
        Assert.Contains("Failed", error.Summary);
        Assert.Contains("ConfigurationConflict: field managed elsewhere", error.Detail);
        Assert.Equal("PRESERVE", (string?)Assert.Single(rig.Eks.Of(UpdateAddon)).Json["resolveConflicts"]);
        Assert.Equal("v1.3.11-eksbuild.1", (string?)rig.Eks.Of(UpdateAddon).Single().Json["addonVersion"]);
        Assert.Null(rig.Eks.Of(UpdateAddon).Single().Json["configurationValues"]);
        Assert.Equal("v1.3.10-eksbuild.2", response.State.GetString("addon_version"));
        Assert.Equal("addonName=eks-pod-identity-agent", rig.Eks.Of("GET /clusters/lab/updates/u-1").First().Query.TrimStart('?'));
    }

    [Fact]
    public async Task AConflictFailureWithoutResolveConflictsHintsAtIt()
    {
        using var rig = new AddonRig();
        var prior = rig.State();
        var plan = prior.WithString("addon_version", "v1.3.11-eksbuild.1");
        rig.Eks.Ok(UpdateAddon, Update("InProgress"))
            .Ok("GET /clusters/lab/updates/u-1", Update("Failed", [new JsonObject { ["errorCode"] = "ConfigurationConflict", ["errorMessage"] = "conflicts found" }]))
            .Ok(DescribeAgent, Addon("ACTIVE"));
        var response = new UpdateResponse { State = plan };
        await rig.Resource.UpdateAsync(new UpdateRequest { Config = plan, Plan = plan, PriorState = prior }, response, CancellationToken.None);

        Assert.Contains("resolve_conflicts_on_update = \"OVERWRITE\"", Assert.Single(response.Diagnostics).Detail);
        Assert.Null((string?)rig.Eks.Of(UpdateAddon).Single().Json["resolveConflicts"]);
    }

    [Fact]
    public void RemovingEveryAssociationSendsAnEmptyList()
    {
        using var rig = new AddonRig();
        var association = CtyValue.Object(rig.AssociationType, new Dictionary<string, CtyValue>
        {
            ["role_arn"] = CtyValue.String("arn:aws:iam::123456789012:role/vpc-cni"),
            ["service_account"] = CtyValue.String("aws-node"),
        });
        var prior = rig.State(("pod_identity_association", CtyValue.Set(rig.AssociationType, [association])));
        var plan = prior.WithAttribute("pod_identity_association", CtyValue.Set(rig.AssociationType, []));

        var input = AddonResource.UpdateRequestFor(prior, plan)!;
        Assert.NotNull(input.PodIdentityAssociations);
        Assert.Empty(input.PodIdentityAssociations);
        Assert.Null(input.AddonVersion);
        Assert.Null(AddonResource.UpdateRequestFor(prior, prior));
    }

    [Fact]
    public async Task ReadRemovesAVanishedAddonWithAWarning()
    {
        using var rig = new AddonRig();
        rig.Eks.Error(DescribeAgent, HttpStatusCode.NotFound, "ResourceNotFoundException", "No addon: eks-pod-identity-agent found in cluster: lab");
        var response = new ReadResponse { State = rig.State() };
        await rig.Resource.ReadAsync(new ReadRequest { State = rig.State() }, response, CancellationToken.None);

        Assert.True(response.State.IsNull);
        Assert.Equal(DiagnosticSeverity.Warning, Assert.Single(response.Diagnostics).Severity);
    }

    [Fact]
    public async Task DeleteSendsPreserveAndWaitsUntilGoneOrFails()
    {
        using (var rig = new AddonRig())
        {
            rig.Eks.Ok(DeleteAgent, Addon("DELETING"))
                .Ok(DescribeAgent, Addon("DELETING"))
                .Error(DescribeAgent, HttpStatusCode.NotFound, "ResourceNotFoundException", "No addon");
            var response = new DeleteResponse();
            await rig.Resource.DeleteAsync(new DeleteRequest { PriorState = rig.State(("preserve", true)) }, response, CancellationToken.None);
            Assert.Empty(response.Diagnostics);
            Assert.Equal(2, rig.Eks.Count(DescribeAgent));
            Assert.Contains("preserve=true", Assert.Single(rig.Eks.Of(DeleteAgent)).Query);
        }

        using (var rig = new AddonRig())
        {
            rig.Eks.Ok(DeleteAgent, Addon("DELETING")).Ok(DescribeAgent, Addon("DELETE_FAILED"));
            var response = new DeleteResponse();
            await rig.Resource.DeleteAsync(new DeleteRequest { PriorState = rig.State() }, response, CancellationToken.None);
            Assert.Contains("failed to delete", Assert.Single(response.Diagnostics).Summary);
        }
    }
}
