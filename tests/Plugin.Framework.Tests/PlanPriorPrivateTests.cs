using Google.Protobuf;
using PodIdentity.Plugin.Framework.Internal;
using PodIdentity.Plugin.Values;
using static PodIdentity.Plugin.Framework.Tests.Wire;
using Proto = PodIdentity.Plugin.Protocol.Tfplugin6;

namespace PodIdentity.Plugin.Framework.Tests;

/// <summary>The private bytes stored with the prior state reach ModifyPlan (update and destroy) and are planned unchanged.</summary>
public sealed class PlanPriorPrivateTests
{
    private static readonly CtyValue Prior = Thing(
        ("id", S("id-web")), ("name", S("web")), ("enabled", CtyValue.False), ("arn", S("arn:fake:web")),
        ("rule", CtyValue.List(FakeResource.RuleType, [Rule(80, S("auto"))])));

    private readonly FakeProvider _provider = new();
    private readonly ProviderService _service;

    public PlanPriorPrivateTests() => _service = new ProviderService(_provider);

    private Task<Proto.PlanResourceChange.Types.Response> Plan(CtyValue proposed, ByteString priorPrivate) =>
        _service.PlanResourceChange(new Proto.PlanResourceChange.Types.Request
        {
            TypeName = "fake_thing",
            PriorState = Dv(Prior),
            ProposedNewState = Dv(proposed),
            Config = proposed.IsNull ? Null(FakeResource.Type) : Dv(proposed.WithNull("id").WithNull("arn")),
            PriorPrivate = priorPrivate,
        }, CancellationToken.None);

    [Fact]
    public async Task UpdatePlanHandsThePriorPrivateBytesToModifyPlan()
    {
        var response = await Plan(Prior.WithString("description", "new"), ByteString.CopyFromUtf8("""{"namespace":"x"}"""));

        Assert.DoesNotContain(response.Diagnostics, d => d.Severity == Proto.Diagnostic.Types.Severity.Error);
        var seen = _provider.Resource.LastModifyPlan!;
        Assert.False(seen.IsCreate);
        Assert.Equal("""{"namespace":"x"}""", System.Text.Encoding.UTF8.GetString(seen.PriorPrivate!));
        Assert.Equal("""{"namespace":"x"}""", response.PlannedPrivate.ToStringUtf8());
    }

    [Fact]
    public async Task DestroyPlanSeesThePriorPrivateBytesToo()
    {
        await Plan(CtyValue.Null(FakeResource.Type), ByteString.CopyFromUtf8("kept"));

        var seen = _provider.Resource.LastModifyPlan!;
        Assert.True(seen.IsDestroy);
        Assert.Equal("kept", System.Text.Encoding.UTF8.GetString(seen.PriorPrivate!));
    }

    [Fact]
    public async Task NoPrivateBytesArriveAsNull()
    {
        await Plan(Prior.WithString("description", "new"), ByteString.Empty);

        Assert.Null(_provider.Resource.LastModifyPlan!.PriorPrivate);
    }
}
