using PodIdentity.Provider.AcceptanceTests.Harness;
using static PodIdentity.Provider.AcceptanceTests.Addons.AddonHcl;
using static PodIdentity.Provider.AcceptanceTests.PodIdentity.Hcl;

namespace PodIdentity.Provider.AcceptanceTests.Addons;

/// <summary>
/// The seeds' first step: the agent warning before the agent exists, creating eks-pod-identity-agent, no diff,
/// configuration_values written three ways without a diff, an invalid document, upgrading in place to the
/// version the data source calls most recent, import, and destroy waiting until the add-on is gone.
/// </summary>
public sealed class AgentAddonScenarioTests
{
    private const string Warning = "EKS Pod Identity Agent not running";

    [Fact]
    public async Task AgentCreateNoDiffConfigurationUpgradeImportAndDestroy()
    {
        await using var emulator = await EmulatorProcess.StartAsync();
        using var ws = new TerraformWorkspace(emulator);

        // An association on a cluster without the agent: the plan warns, once per cluster.
        ws.Write("main.tf", ProviderBlock + Association("app", "payments", "payments-api", "payments-api"));
        await emulator.ResetCallsAsync();
        var plan = await ws.PlanAsync();
        plan.EnsureExit(2, "plan");
        Assert.Contains(Warning, plan.Output);
        Assert.Contains("depends_on", plan.Output); // how to order the check after an add-on in the same plan
        Assert.Equal(1, emulator.Count(await emulator.CallsAsync(), "eks:DescribeAddon"));

        // The agent created in the same plan silences the warning.
        const string HeredocJson = """
              configuration_values = <<-EOT
                {
                  "agent": { "additionalArgs": { "-b": "169.254.170.23" } }
                }
              EOT
            """;
        ws.Write("main.tf", ProviderBlock + Addon("agent", "eks-pod-identity-agent", HeredocJson)
            + Association("app", "payments", "payments-api", "payments-api", "  depends_on = [aws_eks_addon.agent]"));
        var both = await ws.PlanAsync();
        both.EnsureExit(2, "both");
        Assert.DoesNotContain(Warning, both.Output);

        ws.Write("main.tf", ProviderBlock + Addon("agent", "eks-pod-identity-agent", HeredocJson));
        await ws.ApplyAsync();

        var agent = await ws.ResourceAsync(Agent);
        Assert.Equal($"{Cluster}:eks-pod-identity-agent", agent.Str("id"));
        Assert.Equal($"arn:aws:eks:us-west-2:{EmulatorSeed.AccountId}:addon/{Cluster}/eks-pod-identity-agent/", agent.Str("arn")[..^36]);
        Assert.Equal("ACTIVE", agent.Str("status"));
        Assert.Equal("v1.3.10-eksbuild.2", agent.Str("addon_version"));
        Assert.Equal("us-west-2", agent.Str("region"));
        Assert.Equal(new Dictionary<string, string> { ["managed-by"] = "terraform" }, agent.Map("tags_all"));
        AssertRfc3339(agent.Str("created_at"));
        await ws.AssertNoChangesAsync("right after create");

        // The same document as jsonencode, then as YAML: no change.
        ws.Write("main.tf", ProviderBlock + Addon("agent", "eks-pod-identity-agent", """
              configuration_values = jsonencode({ agent = { additionalArgs = { "-b" = "169.254.170.23" } } })
            """));
        await ws.AssertNoChangesAsync("jsonencode of the same document");
        ws.Write("main.tf", ProviderBlock + Addon("agent", "eks-pod-identity-agent", """
              configuration_values = <<-EOT
                agent:
                  additionalArgs:
                    "-b": 169.254.170.23
              EOT
            """));
        await ws.AssertNoChangesAsync("the same document as YAML");

        // An invalid document is refused at plan time on its own line.
        ws.Write("main.tf", ProviderBlock + Addon("agent", "eks-pod-identity-agent", """  configuration_values = "{ not json" """));
        var bad = await ws.PlanAsync();
        bad.EnsureExit(1, "bad");
        Assert.Contains("configuration_values must be a JSON object or a YAML mapping", bad.Output);

        // Upgrade in place to the newest version the data source finds; only UpdateAddon, no replacement.
        ws.Write("main.tf", ProviderBlock + """
            data "aws_eks_addon_version" "agent" {
              addon_name         = "eks-pod-identity-agent"
              kubernetes_version = "1.33"
              most_recent        = true
            }

            """ + Addon("agent", "eks-pod-identity-agent", """
              addon_version               = data.aws_eks_addon_version.agent.version
              resolve_conflicts_on_update = "OVERWRITE"
              configuration_values        = jsonencode({ agent = { additionalArgs = { "-b" = "169.254.170.23" } } })
            """));
        using (var planned = await ws.PlanJsonAsync())
        {
            Assert.Equal(["update"], planned.Change(Agent).Actions());
        }

        await emulator.ResetCallsAsync();
        await ws.ApplyAsync();
        var calls = await emulator.CallsAsync();
        Assert.Equal(1, emulator.Count(calls, "eks:UpdateAddon"));
        Assert.True(emulator.Count(calls, "eks:DescribeUpdate") >= 1);
        Assert.Equal(0, emulator.Count(calls, "eks:CreateAddon"));
        Assert.Equal("v1.3.11-eksbuild.1", (await ws.ResourceAsync(Agent)).Str("addon_version"));
        await ws.AssertNoChangesAsync("after the upgrade");

        // The data source reads what the resource made.
        ws.Write("data.tf", $$"""
            data "aws_eks_addon" "agent" {
              cluster_name = "{{Cluster}}"
              addon_name   = aws_eks_addon.agent.addon_name
            }

            output "agent_version" { value = data.aws_eks_addon.agent.addon_version }
            output "agent_status" { value = data.aws_eks_addon.agent.status }
            """);
        var output = (await ws.ApplyAsync()).Output;
        Assert.Contains("agent_version = \"v1.3.11-eksbuild.1\"", output);
        Assert.Contains("agent_status = \"ACTIVE\"", output);
        File.Delete(Path.Combine(ws.Directory, "data.tf"));

        // Import by cluster_name:addon_name, then no diff; a malformed id says what is expected. (EKS does not report
        // resolve_conflicts_*, so like the official provider an import leaves them null.)
        ws.Write("main.tf", ProviderBlock + Addon("agent", "eks-pod-identity-agent", """
              addon_version        = "v1.3.11-eksbuild.1"
              configuration_values = jsonencode({ agent = { additionalArgs = { "-b" = "169.254.170.23" } } })
            """));
        (await ws.RunAsync("state", "rm", "-no-color", Agent)).EnsureSuccess("state rm");
        (await ws.RunAsync("import", "-input=false", "-no-color", Agent, $"{Cluster}:eks-pod-identity-agent")).EnsureSuccess("import");
        Assert.Equal("ACTIVE", (await ws.ResourceAsync(Agent)).Str("status"));
        await ws.AssertNoChangesAsync("after import");
        (await ws.RunAsync("state", "rm", "-no-color", Agent)).EnsureSuccess("state rm");
        var badImport = await ws.RunAsync("import", "-input=false", "-no-color", Agent, $"{Cluster},eks-pod-identity-agent");
        Assert.NotEqual(0, badImport.ExitCode);
        Assert.Contains("cluster_name:addon_name", badImport.Output);
        (await ws.RunAsync("import", "-input=false", "-no-color", Agent, $"{Cluster}:eks-pod-identity-agent")).EnsureSuccess("import again");

        // With the agent ACTIVE a new association plans without the warning.
        ws.Write("assoc.tf", Association("app", "payments", "payments-api", "payments-api"));
        var quiet = await ws.PlanAsync();
        quiet.EnsureExit(2, "quiet");
        Assert.DoesNotContain(Warning, quiet.Output);
        File.Delete(Path.Combine(ws.Directory, "assoc.tf"));

        // Destroy waits until the add-on is gone.
        (await ws.RunAsync("destroy", "-auto-approve", "-input=false", "-no-color")).EnsureSuccess("destroy");
        using var check = new TerraformWorkspace(emulator);
        check.Write("main.tf", PlainProviderBlock + Association("app", "payments", "payments-api", "payments-api"));
        Assert.Contains(Warning, (await check.PlanAsync()).Output);
    }
}
