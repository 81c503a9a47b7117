using PodIdentity.Provider.AcceptanceTests.Harness;
using static PodIdentity.Provider.AcceptanceTests.Checks.CheckCli;

namespace PodIdentity.Provider.AcceptanceTests.Checks;

/// <summary>
/// Chained target roles and their external id; roles and clusters that cannot work (another partition, missing);
/// a service account that already has an association, and two resources for one service account.
/// </summary>
public sealed class TargetAndConflictScenarioTests
{
    private const string TargetMissing = "Target role does not trust the association's role";
    private const string WrongExternalId = "Target role requires a different sts:ExternalId";

    private static string TrustsSource(string externalIdCondition = "") =>
        Trust($$"""{"AWS":"{{Arn("payments-api")}}"}""", BothActions, condition: externalIdCondition);

    [Fact]
    public async Task TargetRolesMustTrustTheSourceRoleWithTheAssociationsExternalId()
    {
        await using var emulator = await EmulatorProcess.StartAsync(Seed(
            ("target-right", TrustsSource()),
            ("target-wrong", TrustsSource(""","Condition":{"StringEquals":{"sts:ExternalId":"not-this-one"}}"""))));
        using var ws = new TerraformWorkspace(emulator);

        // cross-account-target in the seed trusts only pods.eks.amazonaws.com, not payments-api: a warning at plan.
        ws.Write("main.tf", ProviderBlock + Association("plain", "payments", "payments-api", Arn("payments-api"),
            $"""  target_role_arn = "{Arn("cross-account-target")}" """));
        var (plan, diagnostics) = await ws.JsonAsync("plan");
        Assert.True(plan.ExitCode == 0, plan.Report);
        Assert.Equal([("warning", "aws_eks_pod_identity_association.plain", "target_role_arn")], diagnostics.Where(TargetMissing));
        Assert.Contains($"\"AWS\": \"{Arn("payments-api")}\"", diagnostics.Single().Detail);

        // The external id exists only once EKS creates the association: a wrong sts:ExternalId shows on the apply.
        ws.Write("main.tf", ProviderBlock
            + Association("right", "a", "right", Arn("payments-api"), $"""  target_role_arn = "{Arn("target-right")}" """)
            + Association("wrong", "b", "wrong", Arn("payments-api"), $"""  target_role_arn = "{Arn("target-wrong")}" """));
        var (apply, atApply) = await ws.JsonAsync("apply", "-auto-approve");
        Assert.True(apply.ExitCode == 0, apply.Report);
        Assert.Equal([("warning", "aws_eks_pod_identity_association.wrong", "target_role_arn")], atApply.Where(WrongExternalId));
        Assert.Single(atApply);
        var wrongId = (await ws.ResourceAsync("aws_eks_pod_identity_association.wrong")).GetProperty("external_id").GetString()!;
        Assert.Contains($"only with sts:ExternalId \"not-this-one\", but EKS passes this association's external_id \"{wrongId}\"", atApply.Single().Detail);

        // The right role now requires exactly the external id EKS issued; turning session tags off re-checks both.
        var rightId = (await ws.ResourceAsync("aws_eks_pod_identity_association.right")).GetProperty("external_id").GetString()!;
        await EmulatorIam.UpdateAssumeRolePolicyAsync(emulator, "target-right",
            TrustsSource(",\"Condition\":{\"StringEquals\":{\"sts:ExternalId\":\"" + rightId + "\"}}"));
        ws.Write("main.tf", ProviderBlock
            + Association("right", "a", "right", Arn("payments-api"), $"  target_role_arn = \"{Arn("target-right")}\"\n  disable_session_tags = true")
            + Association("wrong", "b", "wrong", Arn("payments-api"), $"  target_role_arn = \"{Arn("target-wrong")}\"\n  disable_session_tags = true"));
        var (update, onUpdate) = await ws.JsonAsync("plan");
        Assert.True(update.ExitCode == 0, update.Report);
        Assert.Equal([("warning", "aws_eks_pod_identity_association.wrong", "target_role_arn")], onUpdate.Where(WrongExternalId));
        Assert.Single(onUpdate);
    }

    [Fact]
    public async Task RolesInAnotherPartitionMissingRolesAndMissingClustersAreCaughtAtPlan()
    {
        await using var emulator = await EmulatorProcess.StartAsync();
        using var ws = new TerraformWorkspace(emulator);
        ws.Write("main.tf", ProviderBlock
            + Association("china", "a", "china", "arn:aws-cn:iam::123456789012:role/payments-api")
            + Association("gov_target", "b", "gov", Arn("payments-api"), """  target_role_arn = "arn:aws-us-gov:iam::123456789012:role/payments-api" """)
            + Association("missing_role", "c", "missing", Arn("no-such-role"))
            + Association("missing_cluster", "d", "missing", Arn("payments-api"), cluster: "no-such-cluster"));
        var (plan, diagnostics) = await ws.JsonAsync("plan");
        plan.EnsureExit(1, "plan");
        Assert.True(plan.Elapsed < TimeSpan.FromSeconds(60), $"the plan took {plan.Elapsed}");

        Assert.Equal(
            [("error", "aws_eks_pod_identity_association.china", "role_arn"), ("error", "aws_eks_pod_identity_association.gov_target", "target_role_arn")],
            diagnostics.Where("IAM role is in another AWS partition"));
        Assert.StartsWith("arn:aws-cn:iam::123456789012:role/payments-api is in partition \"aws-cn\", but this provider works in \"aws\"",
            diagnostics.First(d => d.Address == "aws_eks_pod_identity_association.china").Detail);
        Assert.Equal([("warning", "aws_eks_pod_identity_association.missing_role", "role_arn")], diagnostics.Where("IAM role not found"));
        Assert.Equal(
            "IAM has no role no-such-role in account 123456789012. Unless this apply creates it, applying waits up to 2 minutes for IAM to make "
            + "the role visible to EKS and then fails. Check the role's name and account.",
            diagnostics.Single(d => d.Summary == "IAM role not found").Detail);
        Assert.Equal([("warning", "aws_eks_pod_identity_association.missing_cluster", "cluster_name")], diagnostics.Where("EKS cluster not found"));
        Assert.Equal(4, diagnostics.Count);
    }

    [Fact]
    public async Task AServiceAccountThatHasAnAssociationAndTwoResourcesForOneAreErrorsAtPlan()
    {
        await using var emulator = await EmulatorProcess.StartAsync();
        string existingId;
        using (var outside = new TerraformWorkspace(emulator))
        {
            outside.Write("main.tf", ProviderBlock + Association("a", "payments", "payments-api", Arn("payments-api")));
            await outside.ApplyAsync();
            existingId = (await outside.ResourceAsync("aws_eks_pod_identity_association.a")).GetProperty("id").GetString()!;
        }

        using var ws = new TerraformWorkspace(emulator);
        ws.Write("main.tf", ProviderBlock
            + Association("app", "payments", "payments-api", Arn("payments-api-v2"))
            + Association("ledger", "ledger", "ledger-reader", Arn("ledger-reader"))
            + Association("ledger_again", "ledger", "ledger-reader", Arn("ledger-reader")));
        await emulator.ResetCallsAsync();
        var (plan, diagnostics) = await ws.JsonAsync("plan");
        plan.EnsureExit(1, "plan");

        Assert.Equal([("error", "aws_eks_pod_identity_association.app", "service_account")], diagnostics.Where("EKS Pod Identity Association already exists"));
        Assert.Contains($"import {{\n  to = aws_eks_pod_identity_association.<name>\n  id = \"{Cluster},{existingId}\"\n}}",
            diagnostics.Single(d => d.Summary == "EKS Pod Identity Association already exists").Detail);
        var duplicate = Assert.Single(diagnostics, d => d.Summary == "Duplicate EKS Pod Identity Association");
        Assert.Equal(("error", "service_account"), (duplicate.Severity, duplicate.Attribute));
        Assert.Contains(duplicate.Address, new[] { "aws_eks_pod_identity_association.ledger", "aws_eks_pod_identity_association.ledger_again" });
        Assert.Equal(2, diagnostics.Count);
        Assert.Equal(0, emulator.Count(await emulator.CallsAsync(), "eks:CreatePodIdentityAssociation"));

        // The import block the error gives adopts the association: no error, and no change after the apply.
        ws.Write("main.tf", ProviderBlock
            + Association("app", "payments", "payments-api", Arn("payments-api"))
            + Association("ledger", "ledger", "ledger-reader", Arn("ledger-reader"))
            + $$"""
                import {
                  to = aws_eks_pod_identity_association.app
                  id = "{{Cluster}},{{existingId}}"
                }
                """);
        await ws.ApplyAsync();
        Assert.Equal(existingId, (await ws.ResourceAsync("aws_eks_pod_identity_association.app")).GetProperty("id").GetString());
        var again = await ws.PlanAsync();
        Assert.True(again.ExitCode == 0, again.Report);

        // Replacing an association (same service account) is not a conflict with itself.
        var replace = await ws.RunAsync("apply", "-auto-approve", "-input=false", "-no-color", "-replace=aws_eks_pod_identity_association.app");
        Assert.True(replace.ExitCode == 0, replace.Report);
        Assert.NotEqual(existingId, (await ws.ResourceAsync("aws_eks_pod_identity_association.app")).GetProperty("id").GetString());
    }
}
