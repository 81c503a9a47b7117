using PodIdentity.Provider.AcceptanceTests.Harness;
using static PodIdentity.Provider.AcceptanceTests.Addons.AddonHcl;
using static PodIdentity.Provider.AcceptanceTests.PodIdentity.Hcl;

namespace PodIdentity.Provider.AcceptanceTests.Addons;

/// <summary>
/// Add-on-owned associations (vpc-cni and aws-node), resolve-conflicts and preserve, and the emulator's fault
/// rules: CREATE_FAILED keeps a tainted add-on in state, accept_degraded ends the wait on DEGRADED, and a short
/// create timeout against a slow add-on is a clear error that keeps state.
/// </summary>
public sealed class AddonOutcomeScenarioTests
{
    private const string Cni = "aws_eks_addon.cni";

    [Fact]
    public async Task VpcCniOwnsItsAssociationUntilTheBlockIsRemoved()
    {
        await using var emulator = await EmulatorProcess.StartAsync();
        using var ws = new TerraformWorkspace(emulator);
        var cni = Addon("cni", "vpc-cni", $$"""
              resolve_conflicts_on_create = "OVERWRITE"
              preserve                    = true
              pod_identity_association {
                role_arn        = "{{Role("vpc-cni")}}"
                service_account = "aws-node"
              }
            """);
        ws.Write("main.tf", ProviderBlock + cni);
        await emulator.ResetCallsAsync();
        await ws.ApplyAsync();
        var calls = await emulator.CallsAsync();
        Assert.Equal(1, emulator.Count(calls, "eks:CreateAddon"));
        var state = await ws.ResourceAsync(Cni);
        var association = Assert.Single(state.GetProperty("pod_identity_association").EnumerateArray());
        Assert.Equal("aws-node", association.Str("service_account"));
        Assert.Equal(Role("vpc-cni"), association.Str("role_arn"));
        await ws.AssertNoChangesAsync("after create with an association");

        // The association EKS made belongs to the add-on.
        ws.Write("data.tf", $$"""
            data "aws_eks_pod_identity_association" "node" {
              cluster_name    = "{{Cluster}}"
              namespace       = "kube-system"
              service_account = "aws-node"
            }

            output "owner" { value = data.aws_eks_pod_identity_association.node.owner_arn }
            output "addon" { value = aws_eks_addon.cni.arn }
            """);
        var output = (await ws.ApplyAsync()).Output;
        var owner = System.Text.RegularExpressions.Regex.Match(output, "owner = \"([^\"]+)\"").Groups[1].Value;
        Assert.StartsWith($"arn:aws:eks:us-west-2:{EmulatorSeed.AccountId}:addon/{Cluster}/vpc-cni/", owner);
        Assert.Contains($"addon = \"{owner}\"", output);
        File.Delete(Path.Combine(ws.Directory, "data.tf"));

        // Removing the block removes the association with one UpdateAddon; a new tag goes with TagResource.
        ws.Write("main.tf", ProviderBlock + Addon("cni", "vpc-cni", """
              preserve = true
              tags     = { team = "net" }
            """));
        await emulator.ResetCallsAsync();
        await ws.ApplyAsync();
        calls = await emulator.CallsAsync();
        Assert.Equal(1, emulator.Count(calls, "eks:UpdateAddon"));
        Assert.Equal(1, emulator.Count(calls, "eks:TagResource"));
        state = await ws.ResourceAsync(Cni);
        Assert.Empty(state.GetProperty("pod_identity_association").EnumerateArray());
        Assert.Equal(new Dictionary<string, string> { ["team"] = "net", ["managed-by"] = "terraform" }, state.Map("tags_all"));
        await ws.AssertNoChangesAsync("after removing the association");
        ws.Write("data.tf", $$"""
            data "aws_eks_pod_identity_association" "node" {
              cluster_name    = "{{Cluster}}"
              namespace       = "kube-system"
              service_account = "aws-node"
            }
            """);
        var gone = await ws.PlanAsync();
        gone.EnsureExit(1, "gone");
        Assert.Contains("not found", gone.Output);
        File.Delete(Path.Combine(ws.Directory, "data.tf"));

        // Destroy with preserve sends it and waits until the add-on is gone.
        await emulator.ResetCallsAsync();
        (await ws.RunAsync("destroy", "-auto-approve", "-input=false", "-no-color")).EnsureSuccess("destroy");
        calls = await emulator.CallsAsync();
        Assert.Equal(1, emulator.Count(calls, "eks:DeleteAddon"));
        Assert.True(emulator.Count(calls, "eks:DescribeAddon") >= 1);
        Assert.Empty(await ws.StateListAsync());
    }

    [Fact]
    public async Task FailedDegradedAndSlowAddons()
    {
        await using var emulator = await EmulatorProcess.StartAsync();
        using var ws = new TerraformWorkspace(emulator);

        // CREATE_FAILED: an error with the health issues, and the add-on stays in state, tainted.
        await emulator.AddFaultAsync(new
        {
            action = "addon-outcome",
            addonName = "coredns",
            outcome = "CREATE_FAILED",
            healthIssues = new[] { new { code = "InsufficientNumberOfReplicas", message = "no nodes to schedule coredns" } },
            count = 1,
        });
        ws.Write("main.tf", ProviderBlock + Addon("dns", "coredns"));
        var failed = await ws.RunAsync("apply", "-auto-approve", "-input=false", "-no-color");
        Assert.NotEqual(0, failed.ExitCode);
        Assert.Contains("failed to create", failed.Output);
        Assert.Contains("InsufficientNumberOfReplicas", failed.Output);
        Assert.Contains("aws_eks_addon.dns", await ws.StateListAsync());
        var replan = await ws.PlanAsync();
        Assert.Contains("is tainted, so must be replaced", replan.Output);

        // DEGRADED with accept_degraded: done, with a warning, instead of waiting out the timeout.
        await emulator.AddFaultAsync(new
        {
            action = "addon-outcome",
            addonName = "kube-proxy",
            outcome = "DEGRADED",
            healthIssues = new[] { new { code = "InsufficientNumberOfReplicas", message = "1 of 2 replicas" } },
            count = 1,
        });
        ws.Write("main.tf", ProviderBlock + Addon("proxy", "kube-proxy", """
              accept_degraded = true
              timeouts {
                create = "2m"
              }
            """));
        var degraded = await ws.ApplyAsync();
        Assert.Contains("is DEGRADED", degraded.Output);
        Assert.Equal("DEGRADED", (await ws.ResourceAsync("aws_eks_addon.proxy")).Str("status"));

        // A slow add-on and a short create timeout: a clear error naming the wait and status; state kept.
        await emulator.AddFaultAsync(new { action = "addon-slow", addonName = "aws-ebs-csi-driver", seconds = 60, count = 1 });
        ws.Write("main.tf", ProviderBlock + Addon("ebs", "aws-ebs-csi-driver", """
              timeouts {
                create = "3s"
              }
            """));
        var slow = await ws.RunAsync("apply", "-auto-approve", "-input=false", "-no-color");
        Assert.NotEqual(0, slow.ExitCode);
        Assert.Contains("Timed out waiting for EKS Add-On", slow.Output);
        Assert.Contains("still CREATING", slow.Output);
        Assert.Contains("aws_eks_addon.ebs", await ws.StateListAsync());
    }
}
