using PodIdentity.Plugin.Framework.Internal;
using PodIdentity.Plugin.Values;
using static PodIdentity.Plugin.Framework.Tests.Wire;
using Proto = PodIdentity.Plugin.Protocol.Tfplugin6;

namespace PodIdentity.Plugin.Framework.Tests;

public sealed class PlanResourceChangeTests
{
    private readonly FakeProvider _provider = new();
    private readonly ProviderService _service;

    public PlanResourceChangeTests() => _service = new ProviderService(_provider);

    private static readonly CtyValue Prior = Thing(
        ("id", S("id-web")), ("name", S("web")), ("enabled", CtyValue.False), ("arn", S("arn:fake:web")),
        ("rule", CtyValue.List(FakeResource.RuleType, [Rule(80, S("auto"))])));

    // What Terraform proposes: config values, with prior values for computed attributes the config leaves null.
    private static CtyValue ProposedFrom(CtyValue config, CtyValue prior) =>
        config.WithAttribute("id", prior.GetAttribute("id"))
            .WithAttribute("arn", prior.GetAttribute("arn"))
            .WithAttribute("enabled", config.GetAttribute("enabled").IsNull ? prior.GetAttribute("enabled") : config.GetAttribute("enabled"))
            .WithAttribute("rule", prior.GetAttribute("rule"));

    private static CtyValue ConfigOf(CtyValue state) =>
        state.WithNull("id").WithNull("arn").WithNull("enabled")
            .WithAttribute("rule", CtyValue.List(FakeResource.RuleType, [Rule(80, CtyValue.Null(CtyType.String))]));

    private async Task<(CtyValue Planned, Proto.PlanResourceChange.Types.Response Response)> Plan(CtyValue prior, CtyValue proposed, CtyValue config)
    {
        var response = await _service.PlanResourceChange(new Proto.PlanResourceChange.Types.Request
        {
            TypeName = "fake_thing",
            PriorState = Dv(prior),
            ProposedNewState = Dv(proposed),
            Config = Dv(config),
            PriorPrivate = Google.Protobuf.ByteString.CopyFromUtf8("private-bytes"),
        }, CancellationToken.None);
        Assert.DoesNotContain(response.Diagnostics, d => d.Severity == Proto.Diagnostic.Types.Severity.Error);
        return (Read(response.PlannedState, FakeResource.Type), response);
    }

    [Fact]
    public async Task Create_applies_defaults_marks_computed_unknown_and_never_requires_replace()
    {
        var config = Thing(("name", S("web")), ("secret", S("hunter2")),
            ("rule", CtyValue.List(FakeResource.RuleType, [Rule(80, CtyValue.Null(CtyType.String))])));
        var prior = CtyValue.Null(FakeResource.Type);

        var (planned, response) = await Plan(prior, config, config);

        Assert.Equal(CtyValue.False, planned.GetAttribute("enabled"));
        Assert.False(planned.GetAttribute("id").IsKnown);
        Assert.False(planned.GetAttribute("arn").IsKnown);
        Assert.True(planned.GetAttribute("description").IsNull);
        Assert.False(planned.GetAttribute("rule").Elements[0].GetAttribute("label").IsKnown);
        Assert.True(planned.GetAttribute("secret").IsNull); // write-only never planned
        Assert.Empty(response.RequiresReplace);
        Assert.Equal("private-bytes", response.PlannedPrivate.ToStringUtf8());
    }

    [Fact]
    public async Task Unchanged_resource_keeps_prior_state_without_unknowns()
    {
        var config = ConfigOf(Prior);

        var (planned, response) = await Plan(Prior, ProposedFrom(config, Prior), config);

        Assert.Equal(Prior, planned);
        Assert.Empty(response.RequiresReplace);
    }

    [Fact]
    public async Task Changed_resource_marks_computed_unknown_but_UseStateForUnknown_keeps_id()
    {
        var config = ConfigOf(Prior).WithString("description", "new");

        var (planned, response) = await Plan(Prior, ProposedFrom(config, Prior), config);

        Assert.Equal("id-web", planned.GetString("id"));
        Assert.False(planned.GetAttribute("arn").IsKnown);
        Assert.Equal("new", planned.GetString("description"));
        Assert.Empty(response.RequiresReplace);
    }

    [Fact]
    public async Task Changing_a_RequiresReplace_attribute_reports_only_that_path()
    {
        var config = ConfigOf(Prior).WithString("name", "web2").WithString("description", "x");

        var (_, response) = await Plan(Prior, ProposedFrom(config, Prior), config);

        Assert.Equal(["name"], Paths(response.RequiresReplace));
    }

    [Fact]
    public async Task Default_differs_from_prior_value_is_a_change()
    {
        var prior = Prior.WithBool("enabled", true);
        var config = ConfigOf(prior);

        var (planned, _) = await Plan(prior, ProposedFrom(config, prior), config);

        Assert.Equal(CtyValue.False, planned.GetAttribute("enabled"));
        Assert.False(planned.GetAttribute("arn").IsKnown);
    }

    [Fact]
    public async Task Destroy_plan_is_null_and_calls_ModifyPlan()
    {
        var response = await _service.PlanResourceChange(new Proto.PlanResourceChange.Types.Request
        {
            TypeName = "fake_thing",
            PriorState = Dv(Prior),
            ProposedNewState = Null(FakeResource.Type),
            Config = Null(FakeResource.Type),
        }, CancellationToken.None);

        Assert.True(Read(response.PlannedState, FakeResource.Type).IsNull);
        Assert.Empty(response.RequiresReplace);
        Assert.Contains("modifyplan", _provider.Resource.Calls);
        Assert.True(_provider.Resource.LastModifyPlan!.IsDestroy);
        var warning = Assert.Single(response.Diagnostics);
        Assert.Equal(Proto.Diagnostic.Types.Severity.Warning, warning.Severity);
    }

    [Fact]
    public async Task ModifyPlan_sees_the_plan_after_defaults_and_modifiers()
    {
        var config = ConfigOf(Prior).WithString("description", "new");

        await Plan(Prior, ProposedFrom(config, Prior), config);

        var seen = _provider.Resource.LastModifyPlan!;
        Assert.Equal("id-web", seen.Plan.GetString("id"));
        Assert.False(seen.Plan.GetAttribute("arn").IsKnown);
        Assert.False(seen.IsCreate);
    }

    [Fact]
    public async Task Unknown_resource_type_is_an_error_diagnostic()
    {
        var response = await _service.PlanResourceChange(new Proto.PlanResourceChange.Types.Request
        {
            TypeName = "fake_nope",
            PriorState = new Proto.DynamicValue(),
            ProposedNewState = new Proto.DynamicValue(),
            Config = new Proto.DynamicValue(),
        }, CancellationToken.None);

        var d = Assert.Single(response.Diagnostics);
        Assert.Equal(Proto.Diagnostic.Types.Severity.Error, d.Severity);
        Assert.Contains("fake_nope", d.Detail);
    }
}
