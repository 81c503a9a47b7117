using PodIdentity.Plugin.Framework;
using PodIdentity.Plugin.Values;
using PodIdentity.Provider.Shared;
using static PodIdentity.Provider.Tests.Resources.AssociationRig;

namespace PodIdentity.Provider.Tests.Resources;

public sealed class PlanTests
{
    private const string Policy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}""";
    private const string PolicyReformatted = """
        { "Statement": [ { "Resource": ["*"], "Effect": "Allow", "Action": ["s3:GetObject"] } ], "Version": "2012-10-17" }
        """;

    [Fact]
    public async Task CreateFillsRegionAndTagsAllFromTheProvider()
    {
        using var rig = new AssociationRig(new TagPolicy(Tags(("managed-by", "terraform"))));
        var config = rig.Config(("tags", Tags(("app", "pay"))));
        var response = await rig.PlanAsync(config, CtyValue.Null(rig.Type), rig.CreatePlan(config));
        Assert.False(response.Diagnostics.HasErrors);
        Assert.Equal("us-west-2", response.Plan.GetString("region"));
        Assert.Equal(Tags(("app", "pay"), ("managed-by", "terraform")), response.Plan.GetStringMap("tags_all"));
        Assert.True(response.Plan.IsUnknown("external_id"));
        Assert.Empty(rig.Eks.Requests);
    }

    [Fact]
    public async Task TagsOverTheLimitWithDefaultTagsFailOnTags()
    {
        var defaults = Enumerable.Range(0, 45).ToDictionary(i => $"default{i}", _ => "v");
        using var rig = new AssociationRig(new TagPolicy(defaults));
        var config = rig.Config(("tags", Enumerable.Range(0, 6).ToDictionary(i => $"own{i}", _ => "v")));
        var response = await rig.PlanAsync(config, CtyValue.Null(rig.Type), rig.CreatePlan(config));
        var error = Assert.Single(response.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(AttributePath.Root.Attribute("tags"), error.Path);
        Assert.Contains("51", error.Detail);
    }

    [Fact]
    public async Task ExternalIdStaysKnownWhenTheTargetDoesNotChange()
    {
        using var rig = new AssociationRig();
        var prior = rig.State(("target_role_arn", Target), ("external_id", "ext-1"));
        var config = rig.Config(("target_role_arn", Target), ("role_arn", OtherRole));
        var plan = prior.WithString("role_arn", OtherRole).WithUnknown("external_id").WithUnknown("modified_at").WithUnknown("tags_all");
        var response = await rig.PlanAsync(config, prior, plan);
        Assert.Equal("ext-1", response.Plan.GetString("external_id"));
        Assert.True(response.Plan.IsUnknown("modified_at"));
    }

    [Fact]
    public async Task RemovingTheTargetPlansNoExternalId()
    {
        using var rig = new AssociationRig();
        var prior = rig.State(("target_role_arn", Target), ("external_id", "ext-1"));
        var config = rig.Config();
        var plan = prior.WithNull("target_role_arn").WithUnknown("external_id").WithUnknown("modified_at");
        var response = await rig.PlanAsync(config, prior, plan);
        Assert.True(response.Plan.GetAttribute("external_id").IsNull);
        Assert.True(response.Plan.GetAttribute("external_id").IsKnown);
    }

    [Fact]
    public async Task ANewTargetMeansAnExternalIdKnownOnlyAfterApply()
    {
        using var rig = new AssociationRig();
        var prior = rig.State();
        var config = rig.Config(("target_role_arn", Target));
        var response = await rig.PlanAsync(config, prior, prior.WithString("target_role_arn", Target).WithUnknown("external_id"));
        Assert.True(response.Plan.IsUnknown("external_id"));
    }

    [Fact]
    public async Task AReformattedPolicyIsNoChange()
    {
        using var rig = new AssociationRig();
        var prior = rig.State(("policy", Policy), ("disable_session_tags", true));
        var config = rig.Config(("policy", PolicyReformatted), ("disable_session_tags", true));
        var plan = prior.WithString("policy", PolicyReformatted).WithUnknown("modified_at").WithUnknown("external_id").WithUnknown("tags_all").WithUnknown("region");
        var response = await rig.PlanAsync(config, prior, plan);
        Assert.Equal(prior, response.Plan);
        Assert.Empty(response.RequiresReplace);
    }

    [Fact]
    public async Task ATagOnlyChangeKeepsModifiedAt()
    {
        using var rig = new AssociationRig();
        var prior = rig.State();
        var config = rig.Config(("tags", Tags(("app", "pay"))));
        var plan = prior.WithAttribute("tags", Map(Tags(("app", "pay")))).WithUnknown("modified_at").WithUnknown("tags_all").WithUnknown("owner_arn");
        var response = await rig.PlanAsync(config, prior, plan);
        Assert.Equal("2026-01-01T00:00:00Z", response.Plan.GetString("modified_at"));
        // No owner stays a known null, not "known after apply".
        Assert.True(response.Plan.GetAttribute("owner_arn").IsKnown);
        Assert.True(response.Plan.GetAttribute("owner_arn").IsNull);
        Assert.Equal(Tags(("app", "pay")), response.Plan.GetStringMap("tags_all"));
    }

    [Fact]
    public async Task AnotherProviderRegionReplaces()
    {
        using var rig = new AssociationRig();
        var prior = rig.State(("region", "eu-west-1"));
        var response = await rig.PlanAsync(rig.Config(), prior, prior);
        Assert.Equal("us-west-2", response.Plan.GetString("region"));
        Assert.Equal([AttributePath.Root.Attribute("region")], response.RequiresReplace);
    }

    [Fact]
    public async Task UpdatingAnAddonOwnedAssociationWarnsAtPlan()
    {
        using var rig = new AssociationRig();
        var prior = rig.State(("owner_arn", "arn:aws:eks:us-west-2:123456789012:addon/lab/vpc-cni/x"));
        var response = await rig.PlanAsync(rig.Config(("role_arn", OtherRole)), prior, prior.WithString("role_arn", OtherRole));
        Assert.Contains(response.Diagnostics, d => d.Severity == DiagnosticSeverity.Warning && d.Detail.Contains("addon/lab/vpc-cni"));
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public void PolicyRequiresDisableSessionTags(bool? disable, bool error)
    {
        using var rig = new AssociationRig();
        var diagnostics = new Diagnostics();
        rig.Resource.ValidateConfig(new ValidateConfigRequest { Config = rig.Config(("policy", Policy), ("disable_session_tags", disable)) }, diagnostics);
        Assert.Equal(error, diagnostics.HasErrors);
        if (error)
        {
            Assert.Equal(AttributePath.Root.Attribute("policy"), diagnostics[0].Path);
        }
    }

    [Fact]
    public void PolicyRuleWaitsForUnknownSessionTags()
    {
        using var rig = new AssociationRig();
        var diagnostics = new Diagnostics();
        rig.Resource.ValidateConfig(
            new ValidateConfigRequest { Config = rig.Config(("policy", Policy), ("disable_session_tags", CtyValue.Unknown(CtyType.Bool))) }, diagnostics);
        Assert.Empty(diagnostics);
    }
}
