using PodIdentity.Provider.AcceptanceTests.Harness;

namespace PodIdentity.Provider.AcceptanceTests.PodIdentity;

/// <summary>The quickstart works end to end on the emulator (Examples/ExamplesValidateTests validates every example).</summary>
public sealed class QuickstartTests
{
    [Fact]
    public async Task QuickstartAppliesAndDestroys()
    {
        await using var emulator = await EmulatorProcess.StartAsync();
        using var ws = new TerraformWorkspace(emulator).CopyFrom(Path.Combine(TestPaths.ExamplesDir, "quickstart"));
        var apply = await ws.ApplyAsync();
        // The quickstart installs the agent first (depends_on), so the agent check has nothing to warn about.
        Assert.DoesNotContain("EKS Pod Identity Agent not running", apply.Output);
        Assert.Contains("Resources: 3 added", apply.Stdout);
        var agentVersion = (await ws.RunAsync("output", "-raw", "pod_identity_agent_version")).EnsureSuccess("output").Stdout.Trim();
        Assert.StartsWith("v", agentVersion);
        var externalId = (await ws.RunAsync("output", "-raw", "ledger_external_id")).EnsureSuccess("output").Stdout.Trim();
        Assert.Matches("^[0-9a-f-]{36}$", externalId);
        var id = (await ws.RunAsync("output", "-raw", "payments_association_id")).EnsureSuccess("output").Stdout.Trim();
        Assert.StartsWith("a-", id);
        await ws.AssertNoChangesAsync("quickstart after apply");
        (await ws.RunAsync("destroy", "-auto-approve", "-input=false", "-no-color")).EnsureSuccess("destroy");
        Assert.Equal(0, await LifecycleScenarioTests.CountAssociationsAsync(emulator));
    }
}
