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
        var response = await rig.PlanAsync(config);
        Assert.False(response.Diagnostics.HasErrors);
        Assert.Equal("us-west-2", response.Plan.GetString("region"));
        Assert.Equal(Tags(("app", "pay"), ("managed-by", "terraform")), response.Plan.GetStringMap("tags_all"));
        Assert.True(response.Plan.IsUnknown("external_id"));
        Assert.Empty(rig.Eks.Requests);
    }

    [Fact]
    public async Task ExternalIdStaysKnownWhenTheTargetDoesNotChange()
    {
        using var rig = new AssociationRig();
        var prior = rig.State(("target_role_arn", Target), ("external_id", "ext-1"));
        var config = rig.Config(("target_role_arn", Target), ("role_arn", OtherRole));
        var response = await rig.PlanAsync(config, prior);
        Assert.Equal("ext-1", response.Plan.GetString("external_id"));
        Assert.True(response.Plan.IsUnknown("modified_at"));
    }

    [Fact]
    public async Task RemovingTheTargetPlansNoExternalId()
    {
        using var rig = new AssociationRig();
        var prior = rig.State(("target_role_arn", Target), ("external_id", "ext-1"));
        var config = rig.Config();
        var response = await rig.PlanAsync(config, prior);
        Assert.True(response.Plan.GetAttribute("external_id").IsNull);
        Assert.True(response.Plan.GetAttribute("external_id").IsKnown);
    }

    [Fact]
    public async Task ANewTargetMeansAnExternalIdKnownOnlyAfterApply()
    {
        using var rig = new AssociationRig();
        var prior = rig.State();
        var config = rig.Config(("target_role_arn", Target));
        var response = await rig.PlanAsync(config, prior);
        Assert.True(response.Plan.IsUnknown("external_id"));
    }

    [Fact]
    public async Task AReformattedPolicyIsNoChange()
    {
        using var rig = new AssociationRig();
        var prior = rig.State(("policy", Policy), ("disable_session_tags", true));
        var config = rig.Config(("policy", PolicyReformatted), ("disable_session_tags", true));
        var response = await rig.PlanAsync(config, prior);
        Assert.Equal(prior, response.Plan);
        Assert.Empty(response.RequiresReplace);
    }

    [Fact]
    public async Task ATagOnlyChangeKeepsModifiedAt()
    {
        using var rig = new AssociationRig();
        var prior = rig.State();
        var config = rig.Config(("tags", Tags(("app", "pay"))));
        var response = await rig.PlanAsync(config, prior);
        Assert.Equal("2026-01-01T00:00:00Z", response.Plan.GetString("modified_at"));
        // No owner stays a known null, not "known after apply".
        Assert.True(response.Plan.GetAttribute("owner_arn").IsKnown);
        Assert.True(response.Plan.GetAttribute("owner_arn").IsNull);
        Assert.Equal(Tags(("app", "pay")), response.Plan.GetStringMap("tags_all"));
    }

    [Fact]
    public async Task UpdatingAnAddonOwnedAssociationWarnsAtPlan()
    {
        using var rig = new AssociationRig();
        var prior = rig.State(("owner_arn", "arn:aws:eks:us-west-2:123456789012:addon/lab/vpc-cni/x"));
        var response = await rig.PlanAsync(rig.Config(("role_arn", OtherRole)), prior);
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
