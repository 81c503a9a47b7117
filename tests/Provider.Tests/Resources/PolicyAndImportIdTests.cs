using PodIdentity.Provider.Associations;
using PodIdentity.Provider.Shared;

namespace PodIdentity.Provider.Tests.Resources;

public sealed class PolicyAndImportIdTests
{
    private const string Policy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject"],"Resource":"*"}]}""";

    [Theory]
    [InlineData("""
        {
          "Statement": [ { "Resource": "*", "Action": "s3:GetObject", "Effect": "Allow" } ],
          "Version": "2012-10-17"
        }
        """)]
    [InlineData("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":["*"]}}""")]
    public void ReformattedPoliciesAreEquivalent(string other) => Assert.True(PolicyDocument.Equivalent(Policy, other));

    [Fact]
    public void ArrayOrderDoesNotMatter() => Assert.True(PolicyDocument.Equivalent(
        """{"Action":["s3:GetObject","s3:PutObject"]}""", """{"Action":["s3:PutObject","s3:GetObject"]}"""));

    [Theory]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":["s3:GetObject"],"Resource":"*"}]}""")]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"*"}]}""")]
    [InlineData("""{"Version":"2012-10-17"}""")]
    [InlineData("not json")]
    public void DifferentPoliciesAreNot(string other) => Assert.False(PolicyDocument.Equivalent(Policy, other));

    [Fact]
    public void NullOnlyEqualsNull()
    {
        Assert.True(PolicyDocument.Equivalent(null, null));
        Assert.False(PolicyDocument.Equivalent(Policy, null));
        Assert.False(PolicyDocument.Equivalent(null, Policy));
    }

    [Fact]
    public void ImportByAssociationId()
    {
        var id = AssociationImportId.Parse("lab,a-0123456789abcdefg", out _);
        Assert.Equal(new AssociationImportId("lab", "a-0123456789abcdefg", null, null, null), id);
        Assert.False(id!.ByNaturalKey);
    }

    [Fact]
    public void ImportByNaturalKeyWithRegion()
    {
        var id = AssociationImportId.Parse("lab,payments,payments-api@eu-west-1", out _);
        Assert.Equal(new AssociationImportId("lab", null, "payments", "payments-api", "eu-west-1"), id);
        Assert.True(id!.ByNaturalKey);
    }

    [Theory]
    [InlineData("a-0123456789abcdefg", "expected 2 or 3")]
    [InlineData("lab,a,b,c", "expected 2 or 3")]
    [InlineData("lab,,x", "empty")]
    [InlineData("lab,a-1@", "region")]
    [InlineData("lab, a-1", "spaces")]
    public void BadImportIdsSayWhy(string text, string reason)
    {
        Assert.Null(AssociationImportId.Parse(text, out var problem));
        Assert.Contains(reason, problem);
    }

    [Fact]
    public void FormatsNameBothShapes()
    {
        Assert.Contains("cluster_name,association_id", AssociationImportId.Formats);
        Assert.Contains("cluster_name,namespace,service_account", AssociationImportId.Formats);
    }
}
