using System.Text.RegularExpressions;
using PodIdentity.Provider.AcceptanceTests.Harness;
using static PodIdentity.Provider.AcceptanceTests.Addons.AddonHcl;
using static PodIdentity.Provider.AcceptanceTests.PodIdentity.Hcl;

namespace PodIdentity.Provider.AcceptanceTests.Addons;

/// <summary>
/// Update and delete waits through the CLI: a short timeout against a slow add-on is an error naming the wait and the
/// add-on's status and keeps it in state; an UPDATE_FAILED outcome reports the update's errors.
/// </summary>
public sealed partial class AddonTimeoutScenarioTests
{
    private const string AgentConfig = """
          configuration_values = jsonencode({ agent = { additionalArgs = { "-b" = "169.254.170.23" } } })
        """;

    private static string AgentWith(string extra) => ProviderBlock + Addon("agent", "eks-pod-identity-agent", extra);

    // Terraform wraps diagnostics in a box; join the lines so phrases can be matched whole.
    private static string Flat(string output) => Boxed().Replace(output, " ");

    [Fact]
    public async Task UpdateTimeoutNamesTheWaitAndStatusAndKeepsState()
    {
        await using var emulator = await EmulatorProcess.StartAsync();
        using var ws = new TerraformWorkspace(emulator);
        const string Timeouts = """
              timeouts {
                update = "3s"
              }
            """;
        ws.Write("main.tf", AgentWith(Timeouts));
        await ws.ApplyAsync();

        await emulator.AddFaultAsync(new { action = "addon-slow", addonName = "eks-pod-identity-agent", seconds = 60, count = 1 });
        ws.Write("main.tf", AgentWith(Timeouts + "\n" + AgentConfig));
        await emulator.ResetCallsAsync();
        var slow = await ws.RunAsync("apply", "-auto-approve", "-input=false", "-no-color");

        Assert.NotEqual(0, slow.ExitCode);
        var output = Flat(slow.Output);
        Assert.Contains("Timed out waiting for EKS Add-On (pod-identity-lab:eks-pod-identity-agent) update", output);
        Assert.Contains("when the update wait ran out after 3s (timeouts.update", output);
        Assert.Contains("still UPDATING", output);
        Assert.Equal(1, emulator.Count(await emulator.CallsAsync(), "eks:UpdateAddon"));
        Assert.Contains(Agent, await ws.StateListAsync());
        Assert.Equal("UPDATING", (await ws.ResourceAsync(Agent)).Str("status"));
        Assert.True(slow.Elapsed < TimeSpan.FromSeconds(20), $"the apply took {slow.Elapsed}");
    }

    [Fact]
    public async Task UpdateFailedReportsTheUpdateErrors()
    {
        await using var emulator = await EmulatorProcess.StartAsync();
        using var ws = new TerraformWorkspace(emulator);
        ws.Write("main.tf", AgentWith(""));
        await ws.ApplyAsync();

        await emulator.AddFaultAsync(new
        {
            action = "addon-outcome",
            addonName = "eks-pod-identity-agent",
            outcome = "UPDATE_FAILED",
            healthIssues = new[] { new { code = "AdmissionRequestDenied", message = "webhook refused the agent daemonset" } },
            count = 1,
        });
        ws.Write("main.tf", AgentWith(AgentConfig));
        var failed = await ws.RunAsync("apply", "-auto-approve", "-input=false", "-no-color");

        Assert.NotEqual(0, failed.ExitCode);
        var output = Flat(failed.Output);
        Assert.Matches(@"EKS Add-On \(pod-identity-lab:eks-pod-identity-agent\) update [0-9a-f-]+ Failed", output);
        Assert.Contains("AdmissionRequestDenied: webhook refused the agent daemonset", output);
        Assert.Contains("The add-on is UPDATE_FAILED.", output);
        Assert.Contains(Agent, await ws.StateListAsync());
        Assert.Equal("UPDATE_FAILED", (await ws.ResourceAsync(Agent)).Str("status"));
    }

    [Fact]
    public async Task DeleteTimeoutNamesTheWaitAndStatusAndKeepsState()
    {
        await using var emulator = await EmulatorProcess.StartAsync();
        using var ws = new TerraformWorkspace(emulator);
        ws.Write("main.tf", AgentWith("""
              timeouts {
                delete = "3s"
              }
            """));
        await ws.ApplyAsync();

        await emulator.AddFaultAsync(new { action = "addon-slow", addonName = "eks-pod-identity-agent", seconds = 60, count = 1 });
        await emulator.ResetCallsAsync();
        var slow = await ws.RunAsync("destroy", "-auto-approve", "-input=false", "-no-color");

        Assert.NotEqual(0, slow.ExitCode);
        var output = Flat(slow.Output);
        Assert.Contains("Timed out waiting for EKS Add-On (pod-identity-lab:eks-pod-identity-agent) to be deleted", output);
        Assert.Contains("when the delete wait ran out after 3s (timeouts.delete)", output);
        Assert.Contains("still DELETING", output);
        Assert.Equal(1, emulator.Count(await emulator.CallsAsync(), "eks:DeleteAddon"));
        Assert.Contains(Agent, await ws.StateListAsync());
        Assert.True(slow.Elapsed < TimeSpan.FromSeconds(20), $"the destroy took {slow.Elapsed}");
    }

    [GeneratedRegex(@"\s*\n[\s│╷╵]*")]
    private static partial Regex Boxed();
}
