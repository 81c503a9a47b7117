using PodIdentity.Emulator.Iam;

namespace PodIdentity.Emulator.Tests;

public sealed class TrustPolicyTests
{
    private const string Account = "123456789012";
    private static readonly TrustPrincipal Pods = TrustPrincipal.Service("pods.eks.amazonaws.com");
    private static readonly TrustPrincipal Session = new("AWS",
        [$"arn:aws:sts::{Account}:assumed-role/source/s1", $"arn:aws:iam::{Account}:role/source"], Account);
    private static readonly Dictionary<string, string> NoContext = [];

    private static string Policy(params string[] statements) =>
        $$"""{"Version":"2012-10-17","Statement":[{{string.Join(',', statements)}}]}""";

    [Theory]
    [InlineData("\"sts:AssumeRole\"", "sts:AssumeRole", true)]
    [InlineData("\"sts:*\"", "sts:TagSession", true)]
    [InlineData("\"STS:assume*\"", "sts:AssumeRole", true)]
    [InlineData("\"sts:Assume?ole\"", "sts:AssumeRole", true)]
    [InlineData("[\"sts:AssumeRole\"]", "sts:TagSession", false)]
    [InlineData("\"*\"", "sts:TagSession", true)]
    public void ActionsMatchWithWildcards(string action, string asked, bool allowed) =>
        Assert.Equal(allowed, TrustPolicy.Allows(
            Policy($$"""{"Effect":"Allow","Principal":{"Service":"pods.eks.amazonaws.com"},"Action":{{action}}}"""),
            Pods, asked, NoContext));

    [Fact]
    public void NotActionAllowsEverythingElse()
    {
        var policy = Policy("""{"Effect":"Allow","Principal":{"Service":"pods.eks.amazonaws.com"},"NotAction":"sts:TagSession"}""");
        Assert.True(TrustPolicy.Allows(policy, Pods, "sts:AssumeRole", NoContext));
        Assert.False(TrustPolicy.Allows(policy, Pods, "sts:TagSession", NoContext));
    }

    [Fact]
    public void AnExplicitDenyWinsOverAnAllow()
    {
        var policy = Policy(
            """{"Effect":"Allow","Principal":"*","Action":"sts:*"}""",
            """{"Effect":"Deny","Principal":{"Service":"pods.eks.amazonaws.com"},"Action":"sts:TagSession"}""");
        Assert.True(TrustPolicy.Allows(policy, Pods, "sts:AssumeRole", NoContext));
        Assert.False(TrustPolicy.Allows(policy, Pods, "sts:TagSession", NoContext));
    }

    [Fact]
    public void PrincipalsMatchByTypeArnRoleAndAccount()
    {
        string Aws(string value) => Policy($$"""{"Effect":"Allow","Principal":{"AWS":"{{value}}"},"Action":"sts:AssumeRole"}""");
        Assert.True(TrustPolicy.Allows(Aws($"arn:aws:iam::{Account}:role/source"), Session, "sts:AssumeRole", NoContext));
        Assert.True(TrustPolicy.Allows(Aws($"arn:aws:sts::{Account}:assumed-role/source/s1"), Session, "sts:AssumeRole", NoContext));
        Assert.True(TrustPolicy.Allows(Aws($"arn:aws:iam::{Account}:root"), Session, "sts:AssumeRole", NoContext));
        Assert.True(TrustPolicy.Allows(Aws(Account), Session, "sts:AssumeRole", NoContext));
        Assert.False(TrustPolicy.Allows(Aws("arn:aws:iam::999999999999:root"), Session, "sts:AssumeRole", NoContext));
        Assert.False(TrustPolicy.Allows(Aws($"arn:aws:iam::{Account}:role/other"), Session, "sts:AssumeRole", NoContext));
        // A Service principal is not an AWS principal of the same name.
        Assert.False(TrustPolicy.Allows(Aws("pods.eks.amazonaws.com"), Pods, "sts:AssumeRole", NoContext));
        Assert.False(TrustPolicy.Allows(
            Policy("""{"Effect":"Allow","Principal":{"Service":"eks.amazonaws.com"},"Action":"sts:AssumeRole"}"""),
            Pods, "sts:AssumeRole", NoContext));
    }

    [Fact]
    public void NotPrincipalAppliesToEveryoneElse()
    {
        var policy = Policy(
            """{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole"}""",
            """{"Effect":"Deny","NotPrincipal":{"Service":"pods.eks.amazonaws.com"},"Action":"sts:AssumeRole"}""");
        Assert.True(TrustPolicy.Allows(policy, Pods, "sts:AssumeRole", NoContext));
        Assert.False(TrustPolicy.Allows(policy, Session, "sts:AssumeRole", NoContext));
    }

    [Fact]
    public void ExternalIdConditionMustMatch()
    {
        var policy = Policy("""{"Effect":"Allow","Principal":{"AWS":"123456789012"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"abc"}}}""");
        Assert.True(TrustPolicy.Allows(policy, Session, "sts:AssumeRole", new Dictionary<string, string> { ["sts:ExternalId"] = "abc" }));
        Assert.False(TrustPolicy.Allows(policy, Session, "sts:AssumeRole", new Dictionary<string, string> { ["sts:ExternalId"] = "abd" }));
        Assert.False(TrustPolicy.Allows(policy, Session, "sts:AssumeRole", NoContext));
        // Condition keys are case-insensitive; negated operators hold when the key is absent.
        var negated = Policy("""{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole","Condition":{"StringNotEquals":{"STS:EXTERNALID":"bad"}}}""");
        Assert.True(TrustPolicy.Allows(negated, Session, "sts:AssumeRole", NoContext));
        Assert.False(TrustPolicy.Allows(negated, Session, "sts:AssumeRole", new Dictionary<string, string> { ["sts:ExternalId"] = "bad" }));
    }

    [Fact]
    public void EmptyMalformedOrUnknownOperatorsDeny()
    {
        Assert.False(TrustPolicy.Allows("""{"Version":"2012-10-17","Statement":[]}""", Pods, "sts:AssumeRole", NoContext));
        Assert.False(TrustPolicy.Allows("{not json", Pods, "sts:AssumeRole", NoContext));
        Assert.False(TrustPolicy.Allows(
            Policy("""{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole","Condition":{"NumericWhatever":{"k":"1"}}}"""),
            Pods, "sts:AssumeRole", NoContext));
        // A single statement object (not a list) is valid IAM.
        Assert.True(TrustPolicy.Allows(
            """{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"Service":["x","pods.eks.amazonaws.com"]},"Action":"sts:AssumeRole"}}""",
            Pods, "sts:AssumeRole", NoContext));
    }
}
