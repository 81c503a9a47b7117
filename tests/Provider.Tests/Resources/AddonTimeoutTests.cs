using PodIdentity.Plugin.Framework;
using PodIdentity.Provider.Addons;
using static PodIdentity.Provider.Tests.Resources.AddonRig;

namespace PodIdentity.Provider.Tests.Resources;

/// <summary>When an update or delete wait runs out, the error names the wait and the add-on's status.</summary>
public sealed class AddonTimeoutTests
{
    [Fact]
    public async Task AnUpdateTimeoutNamesTheWaitAndTheAddonStatusAndKeepsWhatEksReports()
    {
        using var rig = new AddonRig();
        var prior = rig.State().WithAttribute("timeouts", rig.Timeouts(update: "30s"));
        var plan = prior.WithString("configuration_values", """{"a":1}""");
        rig.Eks.Ok(UpdateAddon, Update("InProgress"))
            .Ok("GET /clusters/lab/updates/u-1", Update("InProgress"))
            .Ok(DescribeAgent, Addon("UPDATING", configurationValues: """{"a":1}"""));
        var response = new UpdateResponse { State = plan };

        await rig.Resource.UpdateAsync(new UpdateRequest { Config = plan, Plan = plan, PriorState = prior }, response, CancellationToken.None);

        var error = Assert.Single(response.Diagnostics);
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.Equal("Timed out waiting for EKS Add-On (lab:eks-pod-identity-agent) update", error.Summary);
        Assert.Contains("when the update wait ran out after 30s (timeouts.update", error.Detail);
        Assert.Contains("still UPDATING", error.Detail);
        Assert.Equal(TimeSpan.FromSeconds(30), rig.Waits.Aggregate(TimeSpan.Zero, (a, b) => a + b));
        Assert.Equal("UPDATING", response.State.GetString("status"));
        Assert.Equal("lab:eks-pod-identity-agent", response.State.GetString("id"));
    }

    [Fact]
    public async Task AFailedUpdateListsItsErrorsAndTheAddonStatus()
    {
        using var rig = new AddonRig();
        var prior = rig.State();
        var plan = prior.WithString("configuration_values", """{"a":1}""");
        rig.Eks.Ok(UpdateAddon, Update("InProgress"))
            .Ok("GET /clusters/lab/updates/u-1", Update("Failed", [new System.Text.Json.Nodes.JsonObject { ["errorCode"] = "AdmissionRequestDenied", ["errorMessage"] = "denied" }]))
            .Ok(DescribeAgent, Addon("UPDATE_FAILED"));
        var response = new UpdateResponse { State = plan };

        await rig.Resource.UpdateAsync(new UpdateRequest { Config = plan, Plan = plan, PriorState = prior }, response, CancellationToken.None);

        var error = Assert.Single(response.Diagnostics);
        Assert.Contains("update u-1 Failed", error.Summary);
        Assert.Contains("AdmissionRequestDenied: denied", error.Detail);
        Assert.Contains("The add-on is UPDATE_FAILED.", error.Detail);
        Assert.DoesNotContain("resolve_conflicts_on_update", error.Detail);
        Assert.Equal("UPDATE_FAILED", response.State.GetString("status"));
    }

    [Fact]
    public async Task ADeleteTimeoutNamesTheWaitAndTheAddonStatus()
    {
        using var rig = new AddonRig();
        rig.Eks.Ok(DeleteAgent, Addon("DELETING")).Ok(DescribeAgent, Addon("DELETING"));
        var response = new DeleteResponse();

        await rig.Resource.DeleteAsync(
            new DeleteRequest { PriorState = rig.State(("timeouts", rig.Timeouts(delete: "1m30s"))) }, response, CancellationToken.None);

        var error = Assert.Single(response.Diagnostics);
        Assert.Equal("Timed out waiting for EKS Add-On (lab:eks-pod-identity-agent) to be deleted", error.Summary);
        Assert.Contains("when the delete wait ran out after 1m30s (timeouts.delete)", error.Detail);
        Assert.Contains("still DELETING", error.Detail);
        Assert.Equal(TimeSpan.FromSeconds(90), rig.Waits.Aggregate(TimeSpan.Zero, (a, b) => a + b));
    }

    [Theory]
    [InlineData("3s", "3s")]
    [InlineData("20m", "20m")]
    [InlineData("1h30m", "1h30m")]
    [InlineData("40m", "40m")]
    [InlineData("1.5s", "1.5s")]
    [InlineData("25h", "25h")]
    public void TimeoutsAreShownAsWritten(string written, string shown)
    {
        Assert.True(AddonTimeouts.TryParse(written, out var duration));
        Assert.Equal(shown, AddonTimeouts.Format(duration));
    }
}
