using PodIdentity.Plugin.Framework;
using PodIdentity.Provider.Checks;

namespace PodIdentity.Provider.Tests.Checks;

public sealed class AssociationChecksTests : IDisposable
{
    private const string Region = "us-west-2";
    private const string IrsaTrust = """
        {"Statement":[{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/ABC"},
          "Action":"sts:AssumeRoleWithWebIdentity"}]}
        """;

    private readonly FakeAwsForChecks _aws = new();
    private readonly List<IDisposable> _owned = [];

    public AssociationChecksTests()
    {
        _aws.Roles["payments-api"] = FakeAwsForChecks.Universal;
        _aws.Roles["ec2-only"] = """{"Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}""";
        _aws.Roles["irsa"] = IrsaTrust;
        _aws.Roles["target"] = """
            {"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:role/payments-api"},"Action":["sts:AssumeRole","sts:TagSession"],
              "Condition":{"StringEquals":{"sts:ExternalId":"ext-right"}}}]}
            """;
    }

    private AssociationChecks Checks(CheckSettings? settings = null, string partition = "aws")
    {
        var (clients, lookups) = _aws.Build();
        var checks = new AssociationChecks(lookups, settings ?? new CheckSettings(), partition, Region);
        _owned.Add(clients);
        _owned.Add(checks);
        return checks;
    }

    private static AssociationFacts Facts(
        string role = "payments-api", string? target = null, bool disableSessionTags = false, string? externalId = null,
        string cluster = "lab", string ns = "payments", string serviceAccount = "payments-api", string? id = null) => new()
        {
            Region = Planned<string>.Of(Region),
            ClusterName = Planned<string>.Of(cluster),
            Namespace = Planned<string>.Of(ns),
            ServiceAccount = Planned<string>.Of(serviceAccount),
            RoleArn = Planned<string>.Of(role.StartsWith("arn:", StringComparison.Ordinal) ? role : FakeAwsForChecks.Arn(role)),
            TargetRoleArn = Planned<string>.Of(target is null ? null : target.StartsWith("arn:", StringComparison.Ordinal) ? target : FakeAwsForChecks.Arn(target)),
            DisableSessionTags = Planned<bool>.Of(disableSessionTags),
            ExternalId = target is null ? Planned<string>.Of(null) : externalId is null ? Planned<string>.Unknown : Planned<string>.Of(externalId),
            AssociationId = id,
        };

    private static async Task<Diagnostics> Plan(AssociationChecks checks, AssociationFacts plan, AssociationFacts? prior = null)
    {
        var diagnostics = new Diagnostics();
        await checks.PlanAsync(plan, prior, diagnostics, CancellationToken.None);
        return diagnostics;
    }

    [Fact]
    public async Task A_good_new_association_has_no_findings_and_costs_one_read_of_each_kind()
    {
        Assert.Empty(await Plan(Checks(), Facts()));
        Assert.Equal((1, 1, 1), (_aws.Calls("GetRole"), _aws.Calls("DescribeCluster"), _aws.Calls("ListPodIdentityAssociations")));
    }

    [Fact]
    public async Task Trust_findings_are_warnings_on_role_arn()
    {
        var d = Assert.Single(await Plan(Checks(), Facts(role: "ec2-only")));
        Assert.Equal((DiagnosticSeverity.Warning, "IAM role does not trust EKS Pod Identity", "role_arn"), (d.Severity, d.Summary, d.Path?.ToString()));

        var irsa = Assert.Single(await Plan(Checks(), Facts(role: "irsa", serviceAccount: "other")));
        Assert.Equal("IAM role is an IRSA role, not a Pod Identity role", irsa.Summary);
    }

    [Fact]
    public async Task The_switches_turn_trust_findings_off_or_into_errors()
    {
        Assert.Empty(await Plan(Checks(new CheckSettings(SkipTrustCheck: true)), Facts(role: "ec2-only")));

        var d = Assert.Single(await Plan(Checks(new CheckSettings(TrustFindingsAsErrors: true)), Facts(role: "ec2-only")));
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.EndsWith("(An error because the provider sets strict_pod_identity_trust_check = true.)", d.Detail);
    }

    [Fact]
    public async Task Roles_in_another_partition_are_errors_and_are_not_read()
    {
        var d = await Plan(Checks(), Facts(role: "arn:aws-cn:iam::123456789012:role/payments-api", target: "arn:aws-us-gov:iam::123456789012:role/target"));
        Assert.Equal(["role_arn", "target_role_arn"], d.Select(x => x.Path!.ToString()));
        Assert.All(d, x => Assert.Equal((DiagnosticSeverity.Error, "IAM role is in another AWS partition"), (x.Severity, x.Summary)));
        Assert.StartsWith("arn:aws-cn:iam::123456789012:role/payments-api is in partition \"aws-cn\", but this provider works in \"aws\"", d[0].Detail);
        Assert.Equal(0, _aws.Calls("GetRole"));
    }

    [Fact]
    public async Task A_missing_role_warns_that_apply_waits_and_fails()
    {
        var d = Assert.Single(await Plan(Checks(), Facts(role: "not-there")));
        Assert.Equal((DiagnosticSeverity.Warning, "IAM role not found", "role_arn"), (d.Severity, d.Summary, d.Path?.ToString()));
        Assert.Equal(
            "IAM has no role not-there in account 123456789012. Unless this apply creates it, applying waits up to 2 minutes for IAM to make "
            + "the role visible to EKS and then fails. Check the role's name and account.", d.Detail);
    }

    [Fact]
    public async Task A_missing_or_too_old_cluster_warns_on_cluster_name()
    {
        var d = Assert.Single(await Plan(Checks(), Facts(cluster: "gone")));
        Assert.Equal((DiagnosticSeverity.Warning, "EKS cluster not found", "cluster_name"), (d.Severity, d.Summary, d.Path?.ToString()));

        _aws.Clusters["old"] = ("1.23", "eks.9");
        var old = Assert.Single(await Plan(Checks(), Facts(cluster: "old")));
        Assert.Equal("EKS cluster does not support Pod Identity", old.Summary);
        Assert.StartsWith("Cluster old (us-west-2) runs Kubernetes 1.23;", old.Detail);
    }

    [Fact]
    public async Task An_existing_association_for_the_service_account_is_an_error_with_the_import_block()
    {
        _aws.Associations[("lab", "payments", "payments-api")] = ("a-0123456789abcdefg", null);
        var d = Assert.Single(await Plan(Checks(), Facts()));
        Assert.Equal((DiagnosticSeverity.Error, "EKS Pod Identity Association already exists", "service_account"), (d.Severity, d.Summary, d.Path?.ToString()));
        Assert.Contains("import {\n  to = aws_eks_pod_identity_association.<name>\n  id = \"lab,a-0123456789abcdefg\"\n}", d.Detail);
    }

    [Fact]
    public async Task The_association_a_replacement_replaces_is_not_a_conflict()
    {
        _aws.Associations[("lab", "payments", "payments-api")] = ("a-0123456789abcdefg", null);
        Assert.Empty(await Plan(Checks(), Facts() with { Replaces = "a-0123456789abcdefg" }));
        Assert.Single(await Plan(Checks(), Facts() with { Replaces = "a-another" }));
    }

    [Fact]
    public async Task An_association_owned_by_an_add_on_points_at_the_add_on()
    {
        _aws.Associations[("lab", "payments", "payments-api")] = ("a-1", "arn:aws:eks:us-west-2:123456789012:addon/lab/vpc-cni/x");
        var d = Assert.Single(await Plan(Checks(), Facts()));
        Assert.Contains("belongs to arn:aws:eks:us-west-2:123456789012:addon/lab/vpc-cni/x: change the add-on's pod identity association", d.Detail);
        Assert.DoesNotContain("import {", d.Detail);
    }

    [Fact]
    public async Task A_second_new_association_for_one_service_account_in_one_process_is_an_error()
    {
        var checks = Checks();
        Assert.Empty(await Plan(checks, Facts()));
        var d = Assert.Single(await Plan(checks, Facts(role: "payments-api", ns: "payments")));
        Assert.Equal((DiagnosticSeverity.Error, "Duplicate EKS Pod Identity Association", "service_account"), (d.Severity, d.Summary, d.Path?.ToString()));
        Assert.Contains("(role arn:aws:iam::123456789012:role/payments-api)", d.Detail);

        // Another service account, or the same one in another cluster, is fine; and the duplicate cost no second List.
        Assert.Empty(await Plan(checks, Facts(serviceAccount: "other")));
        Assert.Equal(2, _aws.Calls("ListPodIdentityAssociations"));
    }

    [Fact]
    public async Task Updates_check_only_what_changed()
    {
        var checks = Checks();
        var prior = Facts(role: "ec2-only", id: "a-1");
        Assert.Empty(await Plan(checks, prior with { AssociationId = null }, prior));
        Assert.Equal(0, _aws.Calls("GetRole") + _aws.Calls("DescribeCluster") + _aws.Calls("ListPodIdentityAssociations"));

        // Turning session tags on re-checks the role's trust.
        _aws.Roles["assume-only"] = """{"Statement":[{"Effect":"Allow","Principal":{"Service":"pods.eks.amazonaws.com"},"Action":"sts:AssumeRole"}]}""";
        var tagsOff = Facts(role: "assume-only", disableSessionTags: true, id: "a-2");
        Assert.Equal("IAM role trust policy is missing sts:TagSession",
            Assert.Single(await Plan(checks, tagsOff with { DisableSessionTags = Planned<bool>.Of(false) }, tagsOff)).Summary);
        Assert.Equal(0, _aws.Calls("ListPodIdentityAssociations"));
    }

    [Fact]
    public async Task A_new_cluster_name_is_checked_on_the_replacements_first_call()
    {
        var prior = Facts(id: "a-1");
        var d = Assert.Single(await Plan(Checks(), Facts(cluster: "gone"), prior));
        Assert.Equal("EKS cluster not found", d.Summary);
        Assert.Equal(0, _aws.Calls("ListPodIdentityAssociations"));
    }

    [Fact]
    public async Task An_unknown_role_is_checked_by_the_plan_that_knows_it()
    {
        // Terraform plans again at apply, with the role made by then: that plan warns, on the apply.
        var checks = Checks();
        var planned = Facts(role: "ec2-only") with { RoleArn = Planned<string>.Unknown };
        Assert.Empty(await Plan(checks, planned));
        Assert.Equal(0, _aws.Calls("GetRole"));
        Assert.Equal("IAM role does not trust EKS Pod Identity", Assert.Single(await Plan(Checks(), Facts(role: "ec2-only"))).Summary);

        // After create there is nothing left to say about role_arn.
        var after = new Diagnostics();
        await checks.AfterApplyAsync(planned, Facts(role: "ec2-only", id: "a-1"), after, CancellationToken.None);
        Assert.Empty(after);
    }

    [Fact]
    public async Task After_create_repeats_nothing_the_plan_in_the_same_process_already_showed()
    {
        // What Terraform does on apply: plan again (the external id still unknown), then create.
        var checks = Checks();
        var planned = Facts(target: "payments-api");
        Assert.Equal("Target role does not trust the association's role", Assert.Single(await Plan(checks, planned)).Summary);
        var after = new Diagnostics();
        await checks.AfterApplyAsync(planned, Facts(target: "payments-api", externalId: "ext-1", id: "a-1"), after, CancellationToken.None);
        Assert.Empty(after);
        Assert.Equal(2, _aws.Calls("GetRole") + _aws.Calls("DescribeCluster"));
    }

    [Fact]
    public async Task A_target_ExternalId_condition_is_checked_after_create_when_the_id_is_known()
    {
        var checks = Checks();
        var planned = Facts(target: "target");
        Assert.Empty(await Plan(checks, planned));

        var wrong = new Diagnostics();
        await checks.AfterApplyAsync(planned, Facts(target: "target", externalId: "ext-wrong", id: "a-1"), wrong, CancellationToken.None);
        var d = Assert.Single(wrong);
        Assert.Equal((DiagnosticSeverity.Warning, "Target role requires a different sts:ExternalId", "target_role_arn"), (d.Severity, d.Summary, d.Path?.ToString()));

        var right = new Diagnostics();
        await checks.AfterApplyAsync(planned, Facts(target: "target", externalId: "ext-right", id: "a-2"), right, CancellationToken.None);
        Assert.Empty(right);
        Assert.Equal(2, _aws.Calls("GetRole"));
    }

    [Fact]
    public async Task A_target_that_does_not_trust_the_source_role_warns_at_plan()
    {
        var d = Assert.Single(await Plan(Checks(), Facts(role: "payments-api", target: "payments-api")));
        Assert.Equal((DiagnosticSeverity.Warning, "Target role does not trust the association's role", "target_role_arn"), (d.Severity, d.Summary, d.Path?.ToString()));
    }

    [Fact]
    public async Task A_target_in_another_account_is_skipped()
    {
        Assert.Empty(await Plan(Checks(), Facts(target: "arn:aws:iam::999999999999:role/elsewhere")));
        Assert.Equal(1, _aws.Calls("GetRole"));
    }

    public void Dispose()
    {
        foreach (var d in _owned)
        {
            d.Dispose();
        }
    }
}
