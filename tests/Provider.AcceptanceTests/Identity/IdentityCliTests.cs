using System.Text.Json;
using PodIdentity.Provider.AcceptanceTests.Harness;
using static PodIdentity.Provider.AcceptanceTests.Addons.AddonHcl;
using static PodIdentity.Provider.AcceptanceTests.PodIdentity.Hcl;

namespace PodIdentity.Provider.AcceptanceTests.Identity;

/// <summary>
/// Resource identity and list resources through the CLI. Import by identity needs Terraform 1.12 and
/// <c>terraform query</c> 1.14: with an older CLI (the machine's 1.11.4) these tests are reported as skipped with
/// the reason; point <c>TF_ACC_TERRAFORM_PATH</c> at a newer one to run them.
/// </summary>
public sealed class IdentityCliTests
{
    private const string Address = "aws_eks_pod_identity_association.app";

    // Made "outside" Terraform: a throwaway workspace creates the association and the agent add-on.
    private static async Task<string> CreateOutsideAsync(EmulatorProcess emulator)
    {
        using var outside = new TerraformWorkspace(emulator);
        outside.Write("main.tf", PlainProviderBlock + Association("a", "payments", "payments-api", "payments-api") + Addon("agent", "eks-pod-identity-agent"));
        await outside.ApplyAsync();
        return (await outside.ResourceAsync("aws_eks_pod_identity_association.a")).Str("id");
    }

    private static async Task<JsonElement> IdentityInStateAsync(TerraformWorkspace ws, string address)
    {
        var state = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(ws.Directory, "terraform.tfstate")));
        var (type, name) = (address.Split('.')[0], address.Split('.')[1]);
        var resource = state.RootElement.GetProperty("resources").EnumerateArray()
            .Single(r => r.GetProperty("type").GetString() == type && r.GetProperty("name").GetString() == name);
        return resource.GetProperty("instances")[0].GetProperty("identity");
    }

    [TerraformFact(1, 12, "Import by identity (an import block with identity = {...})")]
    public async Task Import_blocks_by_identity_adopt_both_resources_without_a_diff()
    {
        await using var emulator = await EmulatorProcess.StartAsync();
        var id = await CreateOutsideAsync(emulator);

        using var ws = new TerraformWorkspace(emulator);
        ws.Write("main.tf", ProviderBlock + Association("app", "payments", "payments-api", "payments-api") + Addon("agent", "eks-pod-identity-agent") + $$"""
            import {
              to       = {{Address}}
              identity = { cluster_name = "{{Cluster}}", association_id = "{{id}}" }
            }

            import {
              to       = {{Agent}}
              identity = { cluster_name = "{{Cluster}}", addon_name = "eks-pod-identity-agent" }
            }

            """);
        await ws.ApplyAsync();

        Assert.Equal(id, (await ws.ResourceAsync(Address)).Str("id"));
        var identity = await IdentityInStateAsync(ws, Address);
        Assert.Equal(id, identity.GetProperty("association_id").GetString());
        Assert.Equal("us-west-2", identity.GetProperty("region").GetString());
        Assert.Equal("eks-pod-identity-agent", (await IdentityInStateAsync(ws, Agent)).GetProperty("addon_name").GetString());
        await ws.AssertNoChangesAsync("after import by identity");
    }

    [TerraformFact(1, 12, "Identity stored in state")]
    public async Task Identity_stays_the_same_across_an_update()
    {
        await using var emulator = await EmulatorProcess.StartAsync();
        using var ws = new TerraformWorkspace(emulator);
        ws.Write("main.tf", ProviderBlock + Association("app", "payments", "payments-api", "payments-api"));
        await ws.ApplyAsync();
        var before = (await IdentityInStateAsync(ws, Address)).GetRawText();

        ws.Write("main.tf", ProviderBlock + Association("app", "payments", "payments-api", "payments-api-v2"));
        await ws.ApplyAsync();

        Assert.Equal(before, (await IdentityInStateAsync(ws, Address)).GetRawText());
    }

    [TerraformFact(1, 14, "terraform query (list resources)")]
    public async Task Query_lists_associations_and_addons_of_the_cluster()
    {
        await using var emulator = await EmulatorProcess.StartAsync();
        var id = await CreateOutsideAsync(emulator);

        using var ws = new TerraformWorkspace(emulator);
        ws.Write("main.tf", ProviderBlock);
        ws.Write("search.tfquery.hcl", $$"""
            list "aws_eks_pod_identity_association" "all" {
              provider = aws
              config {
                cluster_name = "{{Cluster}}"
                namespace    = "payments"
              }
            }

            list "aws_eks_addon" "all" {
              provider         = aws
              include_resource = true
              config {
                cluster_name = "{{Cluster}}"
              }
            }

            """);
        var query = (await ws.RunAsync("query", "-no-color")).EnsureSuccess("terraform query");

        Assert.Contains(id, query.Stdout, StringComparison.Ordinal);
        Assert.Contains("payments/payments-api", query.Stdout, StringComparison.Ordinal);
        Assert.Contains("eks-pod-identity-agent", query.Stdout, StringComparison.Ordinal);
    }
}
