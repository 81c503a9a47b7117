using PodIdentity.Provider.Checks;

namespace PodIdentity.Provider.Tests.Checks;

public class TrustPolicyTests
{
    private static readonly TrustPrincipal Pods = TrustPrincipal.Service("pods.eks.amazonaws.com");
    private static readonly TrustPrincipal Source = TrustPrincipal.Aws("arn:aws:iam::123456789012:role/payments-api");

    private static TrustDecision Decide(string statements, TrustPrincipal principal, string action, string? externalId = null) =>
        TrustPolicy.Parse($$"""{"Version":"2012-10-17","Statement":{{statements}}}""")!.Evaluate(principal, action, externalId).Decision;

    [Theory]
    [InlineData("""{"Service":"pods.eks.amazonaws.com"}""", nameof(TrustDecision.Allowed))]
    [InlineData("""{"Service":["ec2.amazonaws.com","PODS.eks.amazonaws.com"]}""", nameof(TrustDecision.Allowed))]
    [InlineData("""{"Service":"ec2.amazonaws.com"}""", nameof(TrustDecision.NotAllowed))]
    [InlineData("\"*\"", nameof(TrustDecision.Allowed))]
    [InlineData("""{"AWS":"*"}""", nameof(TrustDecision.Allowed))]
    [InlineData("""{"AWS":"arn:aws:iam::123456789012:root"}""", nameof(TrustDecision.NotAllowed))]
    [InlineData("""{"Federated":"pods.eks.amazonaws.com"}""", nameof(TrustDecision.NotAllowed))]
    public void Principal_forms(string principal, string expected) =>
        Assert.Equal(expected, Decide($$"""[{"Effect":"Allow","Principal":{{principal}},"Action":"sts:AssumeRole"}]""", Pods, "sts:AssumeRole").ToString());

    [Theory]
    [InlineData("\"sts:AssumeRole\"", nameof(TrustDecision.Allowed))]
    [InlineData("\"STS:assumerole\"", nameof(TrustDecision.Allowed))]
    [InlineData("\"sts:*\"", nameof(TrustDecision.Allowed))]
    [InlineData("\"sts:Assume*\"", nameof(TrustDecision.Allowed))]
    [InlineData("\"sts:AssumeRol?\"", nameof(TrustDecision.Allowed))]
    [InlineData("\"*\"", nameof(TrustDecision.Allowed))]
    [InlineData("[\"sts:TagSession\",\"sts:AssumeRoleWithWebIdentity\"]", nameof(TrustDecision.NotAllowed))]
    [InlineData("\"sts:AssumeRole?\"", nameof(TrustDecision.NotAllowed))]
    public void Action_wildcards(string action, string expected) =>
        Assert.Equal(expected, Decide($$"""[{"Effect":"Allow","Principal":{"Service":"pods.eks.amazonaws.com"},"Action":{{action}}}]""", Pods, "sts:AssumeRole").ToString());

    [Fact]
    public void NotAction_allows_everything_it_does_not_name()
    {
        const string s = """[{"Effect":"Allow","Principal":{"Service":"pods.eks.amazonaws.com"},"NotAction":"sts:TagSession"}]""";
        Assert.Equal(TrustDecision.Allowed, Decide(s, Pods, "sts:AssumeRole"));
        Assert.Equal(TrustDecision.NotAllowed, Decide(s, Pods, "sts:TagSession"));
    }

    [Fact]
    public void Explicit_deny_wins_over_allow()
    {
        const string s = """
            [{"Effect":"Allow","Principal":"*","Action":"sts:*"},
             {"Effect":"Deny","Principal":{"Service":["pods.eks.amazonaws.com"]},"Action":"sts:AssumeRole"}]
            """;
        Assert.Equal(TrustDecision.Denied, Decide(s, Pods, "sts:AssumeRole"));
        Assert.Equal(TrustDecision.Allowed, Decide(s, Pods, "sts:TagSession"));
    }

    [Fact]
    public void Deny_with_NotPrincipal_denies_everyone_it_does_not_name()
    {
        const string allow = """{"Effect":"Allow","Principal":{"Service":"pods.eks.amazonaws.com"},"Action":"sts:AssumeRole"}""";
        Assert.Equal(TrustDecision.Denied,
            Decide($$"""[{{allow}},{"Effect":"Deny","NotPrincipal":{"Service":"ec2.amazonaws.com"},"Action":"*"}]""", Pods, "sts:AssumeRole"));
        Assert.Equal(TrustDecision.Allowed,
            Decide($$"""[{{allow}},{"Effect":"Deny","NotPrincipal":{"Service":"pods.eks.amazonaws.com"},"Action":"*"}]""", Pods, "sts:AssumeRole"));
    }

    [Fact]
    public void Conditions_it_cannot_evaluate_only_may_allow_and_never_deny()
    {
        const string conditional = """{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:SourceAccount":"123456789012"}}}""";
        var result = TrustPolicy.Parse($$"""{"Statement":[{{conditional}}]}""")!.Evaluate(Pods, "sts:AssumeRole");
        Assert.Equal(TrustDecision.MayAllow, result.Decision);
        Assert.Contains("StringEquals aws:SourceAccount", Assert.Single(result.Uncertain));

        const string conditionalDeny = """{"Effect":"Deny","Principal":"*","Action":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}""";
        Assert.Equal(TrustDecision.Allowed, Decide(
            $$"""[{"Effect":"Allow","Principal":{"Service":"pods.eks.amazonaws.com"},"Action":"sts:AssumeRole"},{{conditionalDeny}}]""", Pods, "sts:AssumeRole"));
    }

    [Fact]
    public void Account_root_delegates_to_the_principals_own_policies()
    {
        var result = TrustPolicy.Parse("""{"Statement":[{"Effect":"Allow","Principal":{"AWS":"123456789012"},"Action":"sts:AssumeRole"}]}""")!
            .Evaluate(Source, "sts:AssumeRole");
        Assert.Equal(TrustDecision.MayAllow, result.Decision);
        Assert.Equal(TrustDecision.MayAllow, Decide("""[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"sts:AssumeRole"}]""", Source, "sts:AssumeRole"));
        Assert.Equal(TrustDecision.NotAllowed, Decide("""[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::999999999999:root"},"Action":"sts:AssumeRole"}]""", Source, "sts:AssumeRole"));
    }

    [Theory]
    [InlineData("StringEquals", "ext-1", "ext-1", nameof(TrustDecision.Allowed))]
    [InlineData("StringEquals", "ext-1", "ext-2", nameof(TrustDecision.NotAllowed))]
    [InlineData("StringEquals", "EXT-1", "ext-1", nameof(TrustDecision.NotAllowed))]
    [InlineData("StringEqualsIgnoreCase", "EXT-1", "ext-1", nameof(TrustDecision.Allowed))]
    [InlineData("StringLike", "ext-*", "ext-9", nameof(TrustDecision.Allowed))]
    [InlineData("StringLike", "EXT-*", "ext-9", nameof(TrustDecision.NotAllowed))]
    [InlineData("StringEquals", "ext-1", null, nameof(TrustDecision.MayAllow))]
    [InlineData("StringNotEquals", "ext-1", "ext-1", nameof(TrustDecision.MayAllow))]
    public void ExternalId_condition_is_evaluated_once_the_id_is_known(string op, string value, string? externalId, string expected)
    {
        var condition = "{\"" + op + "\":{\"sts:ExternalId\":\"" + value + "\"}}";
        var s = $$"""[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:role/payments-api"},"Action":"sts:AssumeRole","Condition":{{condition}}}]""";
        Assert.Equal(expected, Decide(s, Source, "sts:AssumeRole", externalId).ToString());
    }

    [Fact]
    public void A_mismatched_ExternalId_is_reported_with_the_values_the_role_wants()
    {
        var policy = TrustPolicy.Parse("""
            {"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:role/payments-api"},"Action":"sts:AssumeRole",
              "Condition":{"StringEquals":{"sts:ExternalId":["old-1","old-2"]}}}]}
            """)!;
        Assert.Equal(["old-1", "old-2"], policy.Evaluate(Source, "sts:AssumeRole", "new").ExternalIdsRequired);
    }

    [Fact]
    public void A_single_statement_object_is_read_like_a_list_of_one() =>
        Assert.Equal(TrustDecision.Allowed,
            TrustPolicy.Parse("""{"Statement":{"Effect":"Allow","Principal":{"Service":"pods.eks.amazonaws.com"},"Action":"sts:AssumeRole"}}""")!
                .Evaluate(Pods, "sts:AssumeRole").Decision);

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("""{"Version":"2012-10-17"}""")]
    public void Unreadable_documents_give_no_policy(string json) => Assert.Null(TrustPolicy.Parse(json));

    [Fact]
    public void Oidc_providers_trusted_for_web_identity_are_found()
    {
        var policy = TrustPolicy.Parse("""
            {"Statement":[{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/ABC"},
              "Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"oidc.eks.us-west-2.amazonaws.com/id/ABC:sub":"system:serviceaccount:payments:payments-api"}}}]}
            """)!;
        Assert.Equal(["arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/ABC"], policy.TrustedOidcProviders());
    }

    [Theory]
    [InlineData("arn:aws:iam::123456789012:role/payments-api", "aws", "123456789012", "payments-api")]
    [InlineData("arn:aws-cn:iam::123456789012:role/team/a/payments-api", "aws-cn", "123456789012", "payments-api")]
    public void Role_arns_are_split_into_their_parts(string arn, string partition, string account, string name) =>
        Assert.Equal(new RoleArn(arn, partition, account, name), RoleArn.Parse(arn));

    [Theory]
    [InlineData(null)]
    [InlineData("arn:aws:iam::123456789012:user/alice")]
    [InlineData("arn:aws:s3:::bucket")]
    public void Non_role_arns_are_refused(string? arn) => Assert.Null(RoleArn.Parse(arn));
}
