using PodIdentity.Provider.Checks;

namespace PodIdentity.Provider.Tests.Checks;

public class TrustFindingsTests
{
    private const string Role = "arn:aws:iam::123456789012:role/payments-api";
    private const string Target = "arn:aws:iam::123456789012:role/ledger-target";

    private static IReadOnlyList<Finding> ForRole(string statements, bool disableSessionTags = false) =>
        TrustFindings.ForRole(TrustPolicy.Parse($$"""{"Statement":{{statements}}}""")!, Role, disableSessionTags, new List<string>());

    private static IReadOnlyList<Finding> ForTarget(string statements, string? externalId, bool disableSessionTags = false) =>
        TrustFindings.ForTarget(TrustPolicy.Parse($$"""{"Statement":{{statements}}}""")!, Target, Role, disableSessionTags, externalId, new List<string>());

    [Fact]
    public void The_universal_trust_policy_has_no_findings() =>
        Assert.Empty(TrustFindings.ForRole(TrustPolicy.Parse(FakeAwsForChecks.Universal)!, Role, false, new List<string>()));

    [Fact]
    public void A_role_that_trusts_only_ec2_gets_the_universal_policy_as_the_fix()
    {
        var f = Assert.Single(ForRole("""[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]"""));
        Assert.Equal("role_arn", f.Attribute);
        Assert.Equal("IAM role does not trust EKS Pod Identity", f.Summary);
        Assert.StartsWith($"Nothing in the trust policy of {Role} lets pods.eks.amazonaws.com call sts:AssumeRole.", f.Detail);
        Assert.EndsWith(TrustFindings.UniversalPolicy, f.Detail);
    }

    [Fact]
    public void AssumeRole_without_TagSession_offers_both_fixes_unless_session_tags_are_disabled()
    {
        const string s = """[{"Effect":"Allow","Principal":{"Service":"pods.eks.amazonaws.com"},"Action":"sts:AssumeRole"}]""";
        var f = Assert.Single(ForRole(s));
        Assert.Equal("IAM role trust policy is missing sts:TagSession", f.Summary);
        Assert.Contains("add \"sts:TagSession\" to the Action", f.Detail);
        Assert.Contains("or set disable_session_tags = true on this association", f.Detail);
        Assert.Empty(ForRole(s, disableSessionTags: true));
    }

    [Fact]
    public void An_IRSA_role_is_named_as_such()
    {
        var f = Assert.Single(ForRole("""
            [{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/ABC"},
              "Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"oidc.eks.us-west-2.amazonaws.com/id/ABC:aud":"sts.amazonaws.com"}}}]
            """));
        Assert.Equal("IAM role is an IRSA role, not a Pod Identity role", f.Summary);
        Assert.Contains("trusts the OIDC provider arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/ABC", f.Detail);
        Assert.Contains("EKS Pod Identity needs a role with the Pod Identity trust policy", f.Detail);
        Assert.Contains("Pod Identity takes precedence over the service account's IRSA annotation", f.Detail);
        Assert.EndsWith(TrustFindings.UniversalPolicy, f.Detail);
    }

    [Fact]
    public void A_wildcard_principal_with_a_condition_may_allow_and_says_nothing()
    {
        var uncertain = new List<string>();
        var findings = TrustFindings.ForRole(TrustPolicy.Parse("""
            {"Statement":[{"Effect":"Allow","Principal":"*","Action":["sts:AssumeRole","sts:TagSession"],"Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-123"}}}]}
            """)!, Role, false, uncertain);
        Assert.Empty(findings);
        Assert.NotEmpty(uncertain);
    }

    [Fact]
    public void An_explicit_deny_for_pods_is_one_finding()
    {
        var f = Assert.Single(ForRole("""
            [{"Effect":"Allow","Principal":{"Service":"pods.eks.amazonaws.com"},"Action":["sts:AssumeRole","sts:TagSession"]},
             {"Effect":"Deny","Principal":{"Service":"pods.eks.amazonaws.com"},"Action":"sts:TagSession"}]
            """));
        Assert.Equal("IAM role trust policy denies EKS Pod Identity", f.Summary);
        Assert.Contains("Deny statement that matches pods.eks.amazonaws.com calling sts:TagSession", f.Detail);
    }

    [Fact]
    public void A_target_that_does_not_trust_the_source_role_gets_the_statement_to_add()
    {
        var f = Assert.Single(ForTarget("""[{"Effect":"Allow","Principal":{"Service":"pods.eks.amazonaws.com"},"Action":"sts:AssumeRole"}]""", externalId: null));
        Assert.Equal("target_role_arn", f.Attribute);
        Assert.Equal("Target role does not trust the association's role", f.Summary);
        Assert.Contains(TrustFindings.TargetStatement(Role, false, null), f.Detail);
        Assert.Contains("\"AWS\": \"" + Role + "\"", f.Detail);
        Assert.Contains("known once it is created", f.Detail);

        var known = Assert.Single(ForTarget("[]", externalId: "ext-1"));
        Assert.Contains("\"sts:ExternalId\": \"ext-1\"", known.Detail);
    }

    [Fact]
    public void A_target_ExternalId_condition_must_match_the_associations_external_id()
    {
        const string s = """
            [{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:role/payments-api"},"Action":["sts:AssumeRole","sts:TagSession"],
              "Condition":{"StringEquals":{"sts:ExternalId":"ext-right"}}}]
            """;
        Assert.Empty(ForTarget(s, "ext-right"));
        Assert.Empty(ForTarget(s, externalId: null));
        var f = Assert.Single(ForTarget(s, "ext-wrong"));
        Assert.Equal("Target role requires a different sts:ExternalId", f.Summary);
        Assert.Contains("only with sts:ExternalId \"ext-right\", but EKS passes this association's external_id \"ext-wrong\"", f.Detail);
        Assert.Contains("\"sts:ExternalId\": \"ext-wrong\"", f.Detail);
    }

    [Fact]
    public void A_target_without_TagSession_is_fine_only_when_session_tags_are_disabled()
    {
        const string s = """[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:role/payments-api"},"Action":"sts:AssumeRole"}]""";
        Assert.Equal("Target role trust policy is missing sts:TagSession", Assert.Single(ForTarget(s, null)).Summary);
        Assert.Empty(ForTarget(s, null, disableSessionTags: true));
    }

    [Fact]
    public void A_target_that_denies_the_source_role_is_reported()
    {
        var f = Assert.Single(ForTarget("""
            [{"Effect":"Allow","Principal":"*","Action":"sts:*"},{"Effect":"Deny","Principal":{"AWS":"arn:aws:iam::123456789012:role/payments-api"},"Action":"*"}]
            """, null));
        Assert.Equal("Target role trust policy denies the association's role", f.Summary);
    }
}
