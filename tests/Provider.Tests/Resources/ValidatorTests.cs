using PodIdentity.Plugin.Framework;
using PodIdentity.Plugin.Values;
using PodIdentity.Provider.Shared;

namespace PodIdentity.Provider.Tests.Resources;

public sealed class ValidatorTests
{
    [Theory]
    [InlineData("arn:aws:iam::123456789012:role/payments-api", true)]
    [InlineData("arn:aws-cn:iam::123456789012:role/x", true)]
    [InlineData("arn:aws-us-gov:iam::123456789012:role/path/to/role+name=,.@_-", true)]
    [InlineData("arn:aws:iam::12345678901:role/short-account", false)]
    [InlineData("arn:aws:iam:us-west-2:123456789012:role/regional", false)]
    [InlineData("arn:aws:iam::123456789012:user/not-a-role", false)]
    [InlineData("arn:aws:s3::123456789012:role/wrong-service", false)]
    [InlineData("arn:azure:iam::123456789012:role/wrong-partition", false)]
    [InlineData("arn:aws:iam::123456789012:role/", false)]
    [InlineData("payments-api", false)]
    public void RoleArns(string arn, bool valid) => Assert.Equal(valid, Errors(EksValidators.RoleArn, arn) == 0);

    [Theory]
    [InlineData("pod-identity-lab", true)]
    [InlineData("a", true)]
    [InlineData("9_cluster-x", true)]
    [InlineData("-starts-with-hyphen", false)]
    [InlineData("has.dot", false)]
    [InlineData("", false)]
    public void ClusterNames(string name, bool valid) => Assert.Equal(valid, Errors(EksValidators.ClusterName, name) == 0);

    [Fact]
    public void ClusterNameAtMost100Characters()
    {
        Assert.Equal(0, Errors(EksValidators.ClusterName, new string('c', 100)));
        Assert.Equal(1, Errors(EksValidators.ClusterName, new string('c', 101)));
    }

    [Theory]
    [InlineData("payments", true)]
    [InlineData("kube-system", true)]
    [InlineData("Payments", false)]
    [InlineData("pay.ments", false)]
    [InlineData("payments-", false)]
    public void Namespaces(string name, bool valid) => Assert.Equal(valid, Errors(EksValidators.Namespace, name) == 0);

    [Fact]
    public void NamespaceIsALabelOfAtMost63()
    {
        Assert.Equal(0, Errors(EksValidators.Namespace, new string('n', 63)));
        Assert.Equal(1, Errors(EksValidators.Namespace, new string('n', 64)));
    }

    [Theory]
    [InlineData("payments-api", true)]
    [InlineData("ledger.reader.v2", true)]
    [InlineData("Ledger", false)]
    [InlineData("ledger..reader", false)]
    [InlineData("ledger_reader", false)]
    public void ServiceAccounts(string name, bool valid) => Assert.Equal(valid, Errors(EksValidators.ServiceAccount, name) == 0);

    [Fact]
    public void ServiceAccountIsASubdomainOfAtMost253()
    {
        var ok = string.Join('.', Enumerable.Repeat(new string('s', 63), 4))[..253];
        Assert.Equal(0, Errors(EksValidators.ServiceAccount, ok.TrimEnd('.')));
        Assert.Equal(1, Errors(EksValidators.ServiceAccount, ok + "s"));
    }

    [Fact]
    public void InvalidValueDiagnosticPointsAtTheAttribute()
    {
        var diagnostics = new Diagnostics();
        var path = AttributePath.Root.Attribute("role_arn");
        EksValidators.RoleArn.Validate(path, CtyValue.String("nope"), diagnostics);
        var d = Assert.Single(diagnostics);
        Assert.Equal(path, d.Path);
        Assert.Contains("nope", d.Detail);
    }

    [Fact]
    public void TagRulesReportEachBadTagOnItsKey()
    {
        var tags = AssociationRig.Map(AssociationRig.Tags(("aws:reserved", "x"), ("ok", new string('v', 257)), ("fine", "")));
        var diagnostics = new Diagnostics();
        var path = AttributePath.Root.Attribute("tags");
        EksValidators.Tags("an add-on").Validate(path, tags, diagnostics);
        Assert.Equal(2, diagnostics.Count);
        Assert.Contains(diagnostics, d => path.Key("aws:reserved").Equals(d.Path) && d.Detail.Contains("aws:"));
        Assert.Contains(diagnostics, d => path.Key("ok").Equals(d.Path) && d.Detail.Contains("256"));
    }

    [Fact]
    public void AtMostFiftyTags()
    {
        var fifty = AssociationRig.Map(Enumerable.Range(0, 50).ToDictionary(i => $"k{i}", i => "v"));
        var fiftyOne = AssociationRig.Map(Enumerable.Range(0, 51).ToDictionary(i => $"k{i}", i => "v"));
        Assert.Equal(0, Errors(EksValidators.Tags("an add-on"), fifty));
        Assert.Equal(1, Errors(EksValidators.Tags("an add-on"), fiftyOne));
    }

    [Theory]
    [InlineData("aws_eks_addon", "an add-on")]
    [InlineData("aws_eks_pod_identity_association", "a pod identity association")]
    public void TooManyTagsNamesTheResourceItIsOn(string resourceType, string taggedObject)
    {
        var schema = new AwsProvider().Resources.Single(r => r.TypeName == resourceType).Schema;
        var tags = AssociationRig.Map(Enumerable.Range(0, 51).ToDictionary(i => $"k{i}", i => "v"));
        var diagnostics = new Diagnostics();
        foreach (var validator in schema.Attributes.Single(a => a.Name == "tags").Validators)
        {
            validator.Validate(AttributePath.Root.Attribute("tags"), tags, diagnostics);
        }

        var error = Assert.Single(diagnostics);
        Assert.Contains($"at most 50 tags on {taggedObject};", error.Detail);
    }

    [Fact]
    public void TagKeyLength()
    {
        Assert.Null(EksValidators.TagKeyProblem(new string('k', 128)));
        Assert.NotNull(EksValidators.TagKeyProblem(new string('k', 129)));
        Assert.NotNull(EksValidators.TagKeyProblem(""));
        Assert.NotNull(EksValidators.TagKeyProblem("AWS:upper"));
    }

    [Theory]
    [InlineData("""{"Version":"2012-10-17","Statement":[]}""", true)]
    [InlineData("[]", false)]
    [InlineData("\"text\"", false)]
    [InlineData("{not json", false)]
    public void PolicyMustBeAJsonObject(string policy, bool valid) => Assert.Equal(valid, Errors(EksValidators.PolicyJson, policy) == 0);

    private static int Errors(IValueValidator validator, string value) => Errors(validator, CtyValue.String(value));

    private static int Errors(IValueValidator validator, CtyValue value)
    {
        var diagnostics = new Diagnostics();
        validator.Validate(AttributePath.Root.Attribute("x"), value, diagnostics);
        return diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
    }
}
