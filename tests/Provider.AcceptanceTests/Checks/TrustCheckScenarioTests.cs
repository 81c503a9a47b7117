using PodIdentity.Provider.AcceptanceTests.Harness;
using static PodIdentity.Provider.AcceptanceTests.Checks.CheckCli;

namespace PodIdentity.Provider.AcceptanceTests.Checks;

/// <summary>
/// The trust-policy check as a new user meets it: roles that trust the wrong principal, lack sts:TagSession, are IRSA
/// roles or deny pods get a warning on role_arn at plan; the universal policy and a wildcard principal with a
/// condition get none; a role made in the same apply is checked when the apply knows it; the provider switches.
/// </summary>
public sealed class TrustCheckScenarioTests
{
    private const string Missing = "IAM role does not trust EKS Pod Identity";
    private const string NoTagSession = "IAM role trust policy is missing sts:TagSession";
    private const string Irsa = "IAM role is an IRSA role, not a Pod Identity role";
    private const string Denies = "IAM role trust policy denies EKS Pod Identity";
    private const string UniversalPretty = """
        {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Effect": "Allow",
              "Principal": { "Service": "pods.eks.amazonaws.com" },
              "Action": ["sts:AssumeRole", "sts:TagSession"]
            }
          ]
        }
        """;

    private static readonly (string, string)[] Roles =
    [
        ("ec2-only", Trust("""{"Service":"ec2.amazonaws.com"}""", "\"sts:AssumeRole\"")),
        ("assume-only", Trust(PodsPrincipal, "\"sts:AssumeRole\"")),
        ("irsa", Trust("""{"Federated":"arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/ABC"}""",
            "\"sts:AssumeRoleWithWebIdentity\"", condition: ""","Condition":{"StringEquals":{"oidc.eks.us-west-2.amazonaws.com/id/ABC:aud":"sts.amazonaws.com"}}""")),
        ("star-conditional", Trust("\"*\"", BothActions, condition: ""","Condition":{"StringEquals":{"aws:SourceAccount":"123456789012"}}""")),
        ("denies-pods", """
            {"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","Principal":{"Service":"pods.eks.amazonaws.com"},"Action":["sts:AssumeRole","sts:TagSession"]},
              {"Effect":"Deny","Principal":{"Service":"pods.eks.amazonaws.com"},"Action":"sts:*"}]}
            """),
    ];

    [Fact]
    public async Task EachTrustMistakeIsAWarningOnRoleArnAtPlanWithOneGetRolePerRole()
    {
        await using var emulator = await EmulatorProcess.StartAsync(Seed(Roles));
        using var ws = new TerraformWorkspace(emulator);
        ws.Write("main.tf", ProviderBlock
            + Association("universal", "payments", "payments-api", Arn("payments-api"))
            + Association("ec2", "a", "ec2", Arn("ec2-only"))
            + Association("ec2_again", "a", "ec2-again", Arn("ec2-only"))
            + Association("tags", "b", "tags", Arn("assume-only"))
            + Association("tags_off", "b", "tags-off", Arn("assume-only"), "  disable_session_tags = true")
            + Association("irsa", "c", "irsa", Arn("irsa"))
            + Association("star", "d", "star", Arn("star-conditional"))
            + Association("deny", "e", "deny", Arn("denies-pods")));
        await emulator.ResetCallsAsync();

        // validate never checks: it reads nothing from AWS.
        (await ws.RunAsync("validate", "-no-color")).EnsureSuccess("validate");
        Assert.Empty(await emulator.CallsAsync());

        var (plan, diagnostics) = await ws.JsonAsync("plan");
        Assert.True(plan.ExitCode == 0, plan.Report);

        Assert.Equal(
            [("warning", "aws_eks_pod_identity_association.ec2", "role_arn"), ("warning", "aws_eks_pod_identity_association.ec2_again", "role_arn")],
            diagnostics.Where(Missing));
        Assert.Equal([("warning", "aws_eks_pod_identity_association.tags", "role_arn")], diagnostics.Where(NoTagSession));
        Assert.Equal([("warning", "aws_eks_pod_identity_association.irsa", "role_arn")], diagnostics.Where(Irsa));
        Assert.Equal([("warning", "aws_eks_pod_identity_association.deny", "role_arn")], diagnostics.Where(Denies));
        Assert.Equal(5, diagnostics.Count);

        var ec2 = diagnostics.First(d => d.Summary == Missing);
        Assert.Equal(
            $"Nothing in the trust policy of {Arn("ec2-only")} lets pods.eks.amazonaws.com call sts:AssumeRole. EKS accepts the association, "
            + "but pods that use it will fail to get credentials. Use this trust policy (or add its statement to the role's):\n\n" + UniversalPretty,
            ec2.Detail);
        var irsa = diagnostics.Single(d => d.Summary == Irsa).Detail;
        Assert.Contains("EKS Pod Identity needs a role with the Pod Identity trust policy", irsa);
        Assert.Contains("Once the pods restart, Pod Identity takes precedence over the service account's IRSA annotation", irsa);
        Assert.Contains("or set disable_session_tags = true on this association", diagnostics.Single(d => d.Summary == NoTagSession).Detail);

        // Eight associations over six roles and one cluster.
        var calls = await emulator.CallsAsync();
        Assert.Equal(6, emulator.Count(calls, "iam:GetRole"));
        Assert.Equal(1, emulator.Count(calls, "eks:DescribeCluster"));
        Assert.Equal(8, emulator.Count(calls, "eks:ListPodIdentityAssociations"));
    }

    [Fact]
    public async Task ARoleMadeInTheSameApplyIsCheckedWhenTheApplyKnowsIt()
    {
        await using var emulator = await EmulatorProcess.StartAsync(Seed(Roles));
        using var ws = new TerraformWorkspace(emulator);

        // terraform_data stands in for the aws_iam_role another provider would create: its output is unknown at plan.
        ws.Write("main.tf", ProviderBlock + $$"""
            resource "terraform_data" "role" {
              input = "{{Arn("ec2-only")}}"
            }

            """ + Association("app", "payments", "payments-api", "${terraform_data.role.output}"));
        var (plan, atPlan) = await ws.JsonAsync("plan");
        Assert.True(plan.ExitCode == 0, plan.Report);
        Assert.Empty(atPlan);

        var (apply, atApply) = await ws.JsonAsync("apply", "-auto-approve");
        Assert.True(apply.ExitCode == 0, apply.Report);
        Assert.Equal([("warning", "aws_eks_pod_identity_association.app", "role_arn")], atApply.Where(Missing));
        Assert.Single(atApply);
    }

    [Fact]
    public async Task TheSwitchesTurnTheCheckOffOrIntoErrorsAndAnUnreadableRoleSaysNothing()
    {
        await using var emulator = await EmulatorProcess.StartAsync(Seed(Roles));
        using var ws = new TerraformWorkspace(emulator);
        var association = Association("app", "payments", "payments-api", Arn("ec2-only"));

        ws.Write("main.tf", ProviderWith("skip_pod_identity_trust_check = true") + association);
        var (off, offDiagnostics) = await ws.JsonAsync("plan");
        Assert.True(off.ExitCode == 0, off.Report);
        Assert.Empty(offDiagnostics);

        ws.Write("main.tf", ProviderWith("strict_pod_identity_trust_check = true") + association);
        var (strict, strictDiagnostics) = await ws.JsonAsync("plan");
        strict.EnsureExit(1, "strict");
        Assert.Equal([("error", "aws_eks_pod_identity_association.app", "role_arn")], strictDiagnostics.Where(Missing));
        Assert.EndsWith("(An error because the provider sets strict_pod_identity_trust_check = true.)", strictDiagnostics.Single().Detail);

        // IAM throttling every GetRole: the check gives up within its own budget and the plan goes on without it.
        await emulator.AddFaultAsync(new { action = "throttle", service = "iam", operation = "GetRole" });
        ws.Write("main.tf", ProviderBlock + association);
        var (throttled, throttledDiagnostics) = await ws.JsonAsync("plan");
        Assert.True(throttled.ExitCode == 0, throttled.Report);
        Assert.Empty(throttledDiagnostics);
        Assert.True(throttled.Elapsed < TimeSpan.FromSeconds(40), $"the plan took {throttled.Elapsed}");
    }
}
