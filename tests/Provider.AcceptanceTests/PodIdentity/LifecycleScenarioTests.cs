using System.Text.Json;
using PodIdentity.Provider.AcceptanceTests.Harness;
using static PodIdentity.Provider.AcceptanceTests.PodIdentity.Hcl;

namespace PodIdentity.Provider.AcceptanceTests.PodIdentity;

/// <summary>
/// The user's workflow on one configuration: create and check every attribute, refresh costs, role change in place,
/// target role and external_id, clearing the target, session tags and policy, tags with default_tags and
/// ignore_tags, and destroy leaving nothing behind. API calls per step come from the emulator's counters.
/// </summary>
public sealed class LifecycleScenarioTests
{
    private const string App = "aws_eks_pod_identity_association.app";
    private const string Chain = "aws_eks_pod_identity_association.chain";

    [Fact]
    public async Task CreateUpdateAndDestroy()
    {
        await using var emulator = await EmulatorProcess.StartAsync();
        using var ws = new TerraformWorkspace(emulator);

        // Create: exactly one CreatePodIdentityAssociation per resource and no read-after-create.
        ws.Write("main.tf", ProviderBlock
            + Association("app", "payments", "payments-api", "payments-api", """  tags = { app = "pay" }""")
            + Association("chain", "ledger", "ledger-reader", "ledger-reader", $"""  target_role_arn = "{Role("cross-account-target")}" """));
        await emulator.ResetCallsAsync();
        await ws.ApplyAsync();
        var calls = await emulator.CallsAsync();
        Assert.Equal(2, emulator.Count(calls, "eks:CreatePodIdentityAssociation"));
        Assert.Equal(0, emulator.Count(calls, "eks:DescribePodIdentityAssociation"));

        var app = await ws.ResourceAsync(App);
        var id = app.Str("id");
        Assert.Matches("^a-[a-z0-9]{17}$", id);
        Assert.Equal(id, app.Str("association_id"));
        Assert.Equal($"arn:aws:eks:us-west-2:{EmulatorSeed.AccountId}:podidentityassociation/{Cluster}/{id}", app.Str("association_arn"));
        Assert.Equal(Cluster, app.Str("cluster_name"));
        Assert.Equal("payments", app.Str("namespace"));
        Assert.Equal("payments-api", app.Str("service_account"));
        Assert.Equal(Role("payments-api"), app.Str("role_arn"));
        Assert.False(app.GetProperty("disable_session_tags").GetBoolean());
        Assert.True(app.IsNull("target_role_arn"));
        Assert.True(app.IsNull("external_id"));
        Assert.True(app.IsNull("policy"));
        Assert.True(app.IsNull("owner_arn"));
        Assert.Equal("us-west-2", app.Str("region"));
        AssertRfc3339(app.Str("created_at"));
        AssertRfc3339(app.Str("modified_at"));
        Assert.Equal(new Dictionary<string, string> { ["app"] = "pay" }, app.Map("tags"));
        Assert.Equal(new Dictionary<string, string> { ["app"] = "pay", ["managed-by"] = "terraform" }, app.Map("tags_all"));

        var chain = await ws.ResourceAsync(Chain);
        Assert.Equal(Role("cross-account-target"), chain.Str("target_role_arn"));
        var externalId = chain.Str("external_id");
        Assert.NotEmpty(externalId);

        // Refresh: one Describe per resource, and nothing to change.
        await emulator.ResetCallsAsync();
        await ws.AssertNoChangesAsync("right after create");
        calls = await emulator.CallsAsync();
        Assert.Equal(2, emulator.Count(calls, "eks:DescribePodIdentityAssociation"));
        Assert.Equal(0, emulator.Count(calls, "eks:ListTagsForResource"));

        // Role change on the chained association: in place, and external_id stays known in the plan.
        ws.Write("main.tf", ProviderBlock
            + Association("app", "payments", "payments-api", "payments-api-v2", """  tags = { app = "pay" }""")
            + Association("chain", "ledger", "ledger-reader", "payments-api", $"""  target_role_arn = "{Role("cross-account-target")}" """));
        using (var plan = await ws.PlanJsonAsync())
        {
            var change = plan.Change(Chain);
            Assert.Equal(["update"], change.Actions());
            Assert.Equal(externalId, change.GetProperty("after").Str("external_id"));
            Assert.False(change.GetProperty("after_unknown").TryGetProperty("external_id", out _));
            Assert.Equal(["update"], plan.Change(App).Actions());
        }

        await emulator.ResetCallsAsync();
        await ws.ApplyAsync();
        calls = await emulator.CallsAsync();
        Assert.Equal(2, emulator.Count(calls, "eks:UpdatePodIdentityAssociation"));
        Assert.Equal(0, emulator.Count(calls, "eks:CreatePodIdentityAssociation"));
        Assert.Equal(0, emulator.Count(calls, "eks:TagResource"));
        app = await ws.ResourceAsync(App);
        Assert.Equal(id, app.Str("id"));
        Assert.Equal(Role("payments-api-v2"), app.Str("role_arn"));
        Assert.Equal(externalId, (await ws.ResourceAsync(Chain)).Str("external_id"));

        // Clearing the target really clears it in EKS: a refreshing plan afterwards finds no drift.
        // Session tags off plus a session policy on app, tags changed (the ignored key is never sent).
        ws.Write("main.tf", ProviderBlock
            + Association("app", "payments", "payments-api", "payments-api-v2", """
                  disable_session_tags = true
                  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["s3:GetObject"], Resource = "*" }] })
                  tags = { app = "payments", extra = "1", ignored = "kept-local" }
                """)
            + Association("chain", "ledger", "ledger-reader", "payments-api"));
        await emulator.ResetCallsAsync();
        await ws.ApplyAsync();
        calls = await emulator.CallsAsync();
        Assert.Equal(2, emulator.Count(calls, "eks:UpdatePodIdentityAssociation"));
        Assert.Equal(1, emulator.Count(calls, "eks:TagResource"));
        Assert.Equal(0, emulator.Count(calls, "eks:UntagResource"));
        chain = await ws.ResourceAsync(Chain);
        Assert.True(chain.IsNull("target_role_arn"));
        Assert.True(chain.IsNull("external_id"));
        app = await ws.ResourceAsync(App);
        Assert.True(app.GetProperty("disable_session_tags").GetBoolean());
        Assert.Equal(new Dictionary<string, string> { ["app"] = "payments", ["extra"] = "1", ["managed-by"] = "terraform" }, app.Map("tags_all"));
        await ws.AssertNoChangesAsync("after clearing the target, setting a policy and tags");

        // The same policy written differently is no change at all.
        ws.Write("main.tf", ProviderBlock
            + Association("app", "payments", "payments-api", "payments-api-v2", """
                  disable_session_tags = true
                  policy = <<-JSON
                    {
                      "Statement": [ { "Resource": ["*"], "Action": "s3:GetObject", "Effect": "Allow" } ],
                      "Version": "2012-10-17"
                    }
                  JSON
                  tags = { app = "payments", extra = "1", ignored = "kept-local" }
                """)
            + Association("chain", "ledger", "ledger-reader", "payments-api"));
        await ws.AssertNoChangesAsync("policy only reformatted");

        // Removing a tag is one UntagResource; nothing else is called.
        ws.Write("main.tf", ProviderBlock
            + Association("app", "payments", "payments-api", "payments-api-v2", """
                  disable_session_tags = true
                  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["s3:GetObject"], Resource = "*" }] })
                  tags = { app = "payments", ignored = "kept-local" }
                """)
            + Association("chain", "ledger", "ledger-reader", "payments-api"));
        await emulator.ResetCallsAsync();
        await ws.ApplyAsync();
        calls = await emulator.CallsAsync();
        Assert.Equal(1, emulator.Count(calls, "eks:UntagResource"));
        Assert.Equal(0, emulator.Count(calls, "eks:TagResource"));
        Assert.Equal(0, emulator.Count(calls, "eks:UpdatePodIdentityAssociation"));
        await ws.AssertNoChangesAsync("after removing a tag");

        // Destroy: one delete per association, and the cluster has none left (checked through the list data source).
        await emulator.ResetCallsAsync();
        (await ws.RunAsync("destroy", "-auto-approve", "-input=false", "-no-color")).EnsureSuccess("destroy");
        Assert.Equal(2, emulator.Count(await emulator.CallsAsync(), "eks:DeletePodIdentityAssociation"));
        Assert.Empty(await ws.StateListAsync());
        Assert.Equal(0, await CountAssociationsAsync(emulator));
    }

    [Fact]
    public async Task PolicyWithoutDisabledSessionTagsFailsAtPlanOnThePolicyLine()
    {
        await using var emulator = await EmulatorProcess.StartAsync();
        using var ws = new TerraformWorkspace(emulator);
        ws.Write("main.tf", ProviderBlock + Association("app", "payments", "payments-api", "payments-api", """
              policy = jsonencode({ Version = "2012-10-17", Statement = [] })
            """));
        var validate = await ws.RunAsync("validate", "-json", "-no-color");
        Assert.NotEqual(0, validate.ExitCode);
        using var json = JsonDocument.Parse(validate.Stdout);
        var diagnostic = json.RootElement.GetProperty("diagnostics").EnumerateArray().Single(d => d.GetProperty("severity").GetString() == "error");
        Assert.Contains("disable_session_tags", diagnostic.GetProperty("detail").GetString());
        Assert.Equal(6, diagnostic.GetProperty("range").GetProperty("start").GetProperty("line").GetInt32() - ProviderLines());
    }

    internal static async Task<int> CountAssociationsAsync(EmulatorProcess emulator)
    {
        using var ws = new TerraformWorkspace(emulator);
        ws.Write("main.tf", ProviderBlock + $$"""
            data "aws_eks_pod_identity_associations" "all" {
              cluster_name = "{{Cluster}}"
            }

            output "count" {
              value = length(data.aws_eks_pod_identity_associations.all.associations)
            }
            """);
        await ws.ApplyAsync();
        var output = (await ws.RunAsync("output", "-raw", "count")).EnsureSuccess("output");
        return int.Parse(output.Stdout.Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    // The association block starts after the provider snippet; its policy line is the 6th line of the block.
    private static int ProviderLines() => ProviderBlock.Split('\n').Length - 1;
}
