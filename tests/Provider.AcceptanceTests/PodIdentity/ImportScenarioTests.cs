using PodIdentity.Provider.AcceptanceTests.Harness;
using static PodIdentity.Provider.AcceptanceTests.PodIdentity.Hcl;

namespace PodIdentity.Provider.AcceptanceTests.PodIdentity;

/// <summary>
/// Adopting associations made elsewhere: `terraform import` by id, an import block by the natural key, a bad id,
/// and the data sources reading them. Another workspace plays "outside Terraform".
/// </summary>
public sealed class ImportScenarioTests
{
    private const string Address = "aws_eks_pod_identity_association.app";

    [Fact]
    public async Task ImportByBothFormatsThenNoDiff()
    {
        await using var emulator = await EmulatorProcess.StartAsync();

        // Made "outside": a throwaway workspace with a plain provider block creates two associations. One carries a
        // tag our ignore_tags hides and one equal to our default tag: neither may show up as a difference later.
        string paymentsId;
        using (var outside = new TerraformWorkspace(emulator))
        {
            outside.Write("main.tf", PlainProviderBlock
                + Association("a", "payments", "payments-api", "payments-api", """  tags = { app = "pay", ignored = "x", managed-by = "terraform" }""")
                + Association("b", "ledger", "ledger-reader", "ledger-reader", $$"""
                      target_role_arn = "{{Role("cross-account-target")}}"
                      tags = { managed-by = "terraform" }
                    """));
            await outside.ApplyAsync();
            paymentsId = (await outside.ResourceAsync("aws_eks_pod_identity_association.a")).Str("id");
        }

        // 1. terraform import by cluster_name,association_id; the configuration matches, so no diff.
        using (var ws = new TerraformWorkspace(emulator))
        {
            ws.Write("main.tf", ProviderBlock + Association("app", "payments", "payments-api", "payments-api", """  tags = { app = "pay" }"""));
            await emulator.ResetCallsAsync();
            (await ws.RunAsync("import", "-input=false", "-no-color", Address, $"{Cluster},{paymentsId}")).EnsureSuccess("import");
            Assert.Equal(1, emulator.Count(await emulator.CallsAsync(), "eks:DescribePodIdentityAssociation"));
            var state = await ws.ResourceAsync(Address);
            Assert.Equal(paymentsId, state.Str("id"));
            Assert.Equal("us-west-2", state.Str("region"));
            Assert.Equal(new Dictionary<string, string> { ["app"] = "pay" }, state.Map("tags"));
            await ws.AssertNoChangesAsync("after terraform import by id");

            // The same object again through the natural key on the command line.
            (await ws.RunAsync("state", "rm", "-no-color", Address)).EnsureSuccess("state rm");
            (await ws.RunAsync("import", "-input=false", "-no-color", Address, $"{Cluster},payments,payments-api")).EnsureSuccess("import by natural key");
            Assert.Equal(paymentsId, (await ws.ResourceAsync(Address)).Str("id"));
            await ws.AssertNoChangesAsync("after terraform import by natural key");

            // A malformed id names both accepted formats.
            ws.Write("other.tf", Association("other", "other", "other", "payments-api"));
            var bad = await ws.RunAsync("import", "-input=false", "-no-color", "aws_eks_pod_identity_association.other", paymentsId);
            Assert.NotEqual(0, bad.ExitCode);
            Assert.Contains("cluster_name,namespace,service_account", bad.Output);
            File.Delete(Path.Combine(ws.Directory, "other.tf"));
        }

        // 2. An import block by the natural key (with @region), planned as an import with no other change.
        using (var ws = new TerraformWorkspace(emulator))
        {
            ws.Write("main.tf", ProviderBlock
                + Association("app", "ledger", "ledger-reader", "ledger-reader", $"""  target_role_arn = "{Role("cross-account-target")}" """)
                + Association("by_id", "payments", "payments-api", "payments-api", """  tags = { app = "pay" }""")
                + $$"""
                    import {
                      to = {{Address}}
                      id = "{{Cluster}},ledger,ledger-reader@us-west-2"
                    }

                    import {
                      to = aws_eks_pod_identity_association.by_id
                      id = "{{Cluster}},{{paymentsId}}"
                    }
                    """);
            using (var plan = await ws.PlanJsonAsync())
            {
                foreach (var address in new[] { Address, "aws_eks_pod_identity_association.by_id" })
                {
                    var change = plan.Change(address);
                    Assert.Equal(["no-op"], change.Actions());
                    Assert.True(change.TryGetProperty("importing", out _));
                }
            }

            await ws.ApplyAsync();
            var state = await ws.ResourceAsync(Address);
            Assert.Equal(Role("cross-account-target"), state.Str("target_role_arn"));
            Assert.NotEmpty(state.Str("external_id"));
            await ws.AssertNoChangesAsync("after an import block by natural key");
        }

        // 3. Data sources read what is there: by id, by service account, and the filtered list.
        using (var ws = new TerraformWorkspace(emulator))
        {
            ws.Write("main.tf", ProviderBlock + $$"""
                data "aws_eks_pod_identity_association" "by_id" {
                  cluster_name   = "{{Cluster}}"
                  association_id = "{{paymentsId}}"
                }

                data "aws_eks_pod_identity_association" "by_sa" {
                  cluster_name    = "{{Cluster}}"
                  namespace       = "ledger"
                  service_account = "ledger-reader"
                }

                data "aws_eks_pod_identity_associations" "payments" {
                  cluster_name = "{{Cluster}}"
                  namespace    = "payments"
                }

                output "by_id_role" { value = data.aws_eks_pod_identity_association.by_id.role_arn }
                output "by_id_tags" { value = jsonencode(data.aws_eks_pod_identity_association.by_id.tags) }
                output "by_sa_target" { value = data.aws_eks_pod_identity_association.by_sa.target_role_arn }
                output "payments_ids" { value = join(",", [for a in data.aws_eks_pod_identity_associations.payments.associations : a.association_id]) }
                """);
            await ws.ApplyAsync();
            Assert.Equal(Role("payments-api"), await OutputAsync(ws, "by_id_role"));
            Assert.Equal("""{"app":"pay","managed-by":"terraform"}""", await OutputAsync(ws, "by_id_tags"));
            Assert.Equal(Role("cross-account-target"), await OutputAsync(ws, "by_sa_target"));
            Assert.Equal(paymentsId, await OutputAsync(ws, "payments_ids"));
        }
    }

    private static async Task<string> OutputAsync(TerraformWorkspace ws, string name) =>
        (await ws.RunAsync("output", "-raw", name)).EnsureSuccess("output " + name).Stdout.Trim();
}
