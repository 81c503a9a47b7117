using Google.Protobuf;
using PodIdentity.Plugin.Framework.Internal;
using PodIdentity.Plugin.Values;
using static PodIdentity.Plugin.Framework.Tests.Wire;
using Proto = PodIdentity.Plugin.Protocol.Tfplugin6;

namespace PodIdentity.Plugin.Framework.Tests;

public sealed class UpgradeResourceStateTests
{
    private readonly ProviderService _service = new(new FakeProvider());

    private Task<Proto.UpgradeResourceState.Types.Response> Upgrade(long version, string json) =>
        _service.UpgradeResourceState(new Proto.UpgradeResourceState.Types.Request
        {
            TypeName = "fake_thing",
            Version = version,
            RawState = new Proto.RawState { Json = ByteString.CopyFromUtf8(json) },
        }, CancellationToken.None);

    [Fact]
    public async Task Same_version_decodes_json_dropping_unknown_and_nulling_missing_attributes()
    {
        var response = await Upgrade(1, """{"id":"id-web","name":"web","enabled":true,"removed_long_ago":"x","tags":{"a":"b"},"rule":[{"port":80,"label":"l","extra":1}]}""");

        Assert.Empty(response.Diagnostics);
        var state = Read(response.UpgradedState, FakeResource.Type);
        Assert.Equal("id-web", state.GetString("id"));
        Assert.Equal(true, state.GetBool("enabled"));
        Assert.True(state.GetAttribute("arn").IsNull);
        Assert.Equal("b", state.GetStringMap("tags")!["a"]);
        Assert.Equal("l", state.GetAttribute("rule").Elements[0].GetString("label"));
    }

    [Fact]
    public async Task Older_version_goes_through_the_resource_upgrader()
    {
        var response = await Upgrade(0, """{"id":"i","name":"n","title":"old title"}""");

        Assert.Empty(response.Diagnostics);
        var state = Read(response.UpgradedState, FakeResource.Type);
        Assert.Equal("old title", state.GetString("description"));
        Assert.Equal("i", state.GetString("id"));
    }

    [Fact]
    public async Task Newer_version_is_an_error()
    {
        var response = await Upgrade(7, "{}");

        var d = Assert.Single(response.Diagnostics);
        Assert.Equal(Proto.Diagnostic.Types.Severity.Error, d.Severity);
        Assert.Contains("newer", d.Detail);
    }

    [Fact]
    public async Task Flatmap_state_is_an_error_diagnostic()
    {
        var raw = new Proto.RawState();
        raw.Flatmap.Add("id", "x");

        var response = await _service.UpgradeResourceState(
            new Proto.UpgradeResourceState.Types.Request { TypeName = "fake_thing", Version = 1, RawState = raw }, CancellationToken.None);

        Assert.Equal(Proto.Diagnostic.Types.Severity.Error, Assert.Single(response.Diagnostics).Severity);
    }

    [Fact]
    public async Task Json_of_the_wrong_shape_is_an_error_diagnostic_not_an_exception()
    {
        var response = await Upgrade(1, """{"name":["not","a","string"]}""");

        var d = Assert.Single(response.Diagnostics);
        Assert.Equal(Proto.Diagnostic.Types.Severity.Error, d.Severity);
    }

    [Fact]
    public void StateJson_drops_unknown_attributes()
    {
        var type = CtyType.Object(new Dictionary<string, CtyType> { ["a"] = CtyType.String, ["b"] = CtyType.Number });

        var v = StateJson.Decode("""{"a":"x","zzz":true}"""u8, type);

        Assert.Equal("x", v.GetString("a"));
        Assert.True(v.GetAttribute("b").IsNull);
    }
}
