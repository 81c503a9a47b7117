using PodIdentity.Provider.AcceptanceTests.Harness;
using static PodIdentity.Provider.AcceptanceTests.PodIdentity.Hcl;

namespace PodIdentity.Provider.AcceptanceTests.PodIdentity;

/// <summary>
/// What goes wrong in real life: the association deleted outside Terraform, a namespace change (replacement), a
/// duplicate service account (refused at plan), IAM propagation delay and throttling.
/// </summary>
public sealed class ResilienceScenarioTests
{
    private const string App = "aws_eks_pod_identity_association.app";

    [Fact]
    public async Task DisappearsReplacesAndRejectsDuplicates()
    {
        await using var emulator = await EmulatorProcess.StartAsync();
        using var ws = new TerraformWorkspace(emulator);
        var config = ProviderBlock + Association("app", "payments", "payments-api", "payments-api");
        ws.Write("main.tf", config);
        await ws.ApplyAsync();
        var firstId = (await ws.ResourceAsync(App)).Str("id");

        // Deleted outside Terraform (another workspace adopts and destroys it): the next plan recreates it.
        using (var outside = new TerraformWorkspace(emulator))
        {
            outside.Write("main.tf", config + $$"""
                import {
                  to = {{App}}
                  id = "{{Cluster}},{{firstId}}"
                }
                """);
            await outside.ApplyAsync();
            (await outside.RunAsync("destroy", "-auto-approve", "-input=false", "-no-color")).EnsureSuccess("outside destroy");
        }

        using (var plan = await ws.PlanJsonAsync())
        {
            Assert.Equal(["create"], plan.Change(App).Actions());
        }

        await ws.ApplyAsync();
        var secondId = (await ws.ResourceAsync(App)).Str("id");
        Assert.NotEqual(firstId, secondId);
        await ws.AssertNoChangesAsync("after recreating");

        // A namespace change replaces the association.
        ws.Write("main.tf", ProviderBlock + Association("app", "payments-v2", "payments-api", "payments-api"));
        using (var plan = await ws.PlanJsonAsync())
        {
            Assert.Equal(["delete", "create"], plan.Change(App).Actions());
        }

        await ws.ApplyAsync();
        var thirdId = (await ws.ResourceAsync(App)).Str("id");
        Assert.NotEqual(secondId, thirdId);

        // A second association for the same service account is refused at plan, before anything is created.
        ws.Write("main.tf", ProviderBlock
            + Association("app", "payments-v2", "payments-api", "payments-api")
            + Association("ledger", "ledger", "ledger-reader", "ledger-reader")
            + Association("dup", "payments-v2", "payments-api", "payments-api-v2"));
        var failed = await ws.RunAsync("apply", "-auto-approve", "-input=false", "-no-color");
        Assert.NotEqual(0, failed.ExitCode);
        Assert.Contains("already exists", failed.Output);
        Assert.Contains($"id = \"{Cluster},{thirdId}\"", failed.Output);
        var inState = await ws.StateListAsync();
        Assert.Contains(App, inState);
        Assert.DoesNotContain("aws_eks_pod_identity_association.ledger", inState);
        Assert.DoesNotContain("aws_eks_pod_identity_association.dup", inState);
        Assert.Equal(thirdId, (await ws.ResourceAsync(App)).Str("id"));
    }

    [Fact]
    public async Task SurvivesIamPropagationAndThrottling()
    {
        await using var emulator = await EmulatorProcess.StartAsync();
        using var ws = new TerraformWorkspace(emulator);

        // The role exists in IAM but EKS cannot see it for a while: create waits for it. The window starts now and
        // must outlast Terraform's start-up and plan on a loaded machine, hence 8 seconds.
        await emulator.AddFaultAsync(new { action = "iam-propagation-delay", seconds = 8, roleName = "payments-api-v2" });
        ws.Write("main.tf", ProviderBlock + Association("app", "payments", "payments-api", "payments-api-v2"));
        await emulator.ResetCallsAsync();
        await ws.ApplyAsync();
        Assert.True(emulator.Count(await emulator.CallsAsync(), "eks:CreatePodIdentityAssociation") >= 2, "create should have been retried");
        Assert.Single(await ws.StateListAsync());

        // Throttled creates, describes and updates are retried by the client.
        await emulator.ClearFaultsAsync();
        await emulator.AddFaultAsync(new { action = "throttle", service = "eks", operation = "CreatePodIdentityAssociation", count = 2 });
        await emulator.AddFaultAsync(new { action = "throttle", service = "eks", operation = "DescribePodIdentityAssociation", count = 2 });
        await emulator.AddFaultAsync(new { action = "error", service = "eks", operation = "UpdatePodIdentityAssociation", count = 1, status = 503 });
        ws.Write("main.tf", ProviderBlock
            + Association("app", "payments", "payments-api", "payments-api")
            + Association("ledger", "ledger", "ledger-reader", "ledger-reader"));
        await emulator.ResetCallsAsync();
        await ws.ApplyAsync();
        var calls = await emulator.CallsAsync();
        Assert.Equal(3, emulator.Count(calls, "eks:CreatePodIdentityAssociation"));
        Assert.Equal(2, emulator.Count(calls, "eks:UpdatePodIdentityAssociation"));
        Assert.Equal(3, emulator.Count(calls, "eks:DescribePodIdentityAssociation"));
        Assert.Equal(2, (await ws.StateListAsync()).Count);
        await ws.AssertNoChangesAsync("after throttled apply");
    }
}
