using PodIdentity.Plugin.Framework.Internal;
using PodIdentity.Plugin.Values;
using static PodIdentity.Plugin.Framework.Tests.Wire;
using Proto = PodIdentity.Plugin.Protocol.Tfplugin6;

namespace PodIdentity.Plugin.Framework.Tests;

public sealed class ListResourceTests
{
    private readonly FakeIdentityProvider _provider = new();
    private readonly ProviderService _service;

    public ListResourceTests() => _service = new ProviderService(_provider);

    private CtyValue Config(string? prefix = null) => ValueAccess.EmptyObject(_provider.List.ConfigSchema.Type).WithString("prefix", prefix);

    private async Task<List<Proto.ListResource.Types.Event>> List(
        CtyValue config, long limit = 100, bool include = false, string type = "fake_widget", CancellationToken token = default)
    {
        var events = new List<Proto.ListResource.Types.Event>();
        await _service.ListResource(
            new Proto.ListResource.Types.Request { TypeName = type, Config = Dv(config), Limit = limit, IncludeResourceObject = include },
            e =>
            {
                events.Add(e);
                return Task.CompletedTask;
            },
            token);
        return events;
    }

    [Fact]
    public async Task Schema_and_metadata_announce_the_list_resource()
    {
        var schema = await _service.GetProviderSchema(new(), CancellationToken.None);
        var metadata = await _service.GetMetadata(new(), CancellationToken.None);

        var config = Assert.Single(schema.ListResourceSchemas);
        Assert.Equal("fake_widget", config.Key);
        var prefix = Assert.Single(config.Value.Block.Attributes);
        Assert.Equal("prefix", prefix.Name);
        Assert.Equal("Only widgets whose name starts with this.", prefix.Description);
        Assert.Equal("fake_widget", Assert.Single(metadata.ListResources).TypeName);
    }

    [Fact]
    public async Task List_resources_take_part_in_the_configure_step()
    {
        await _service.ConfigureProvider(new Proto.ConfigureProvider.Types.Request { Config = Dv(ValueAccess.EmptyObject(Schema.Empty.Type)) }, CancellationToken.None);

        Assert.Equal("configured", _provider.List.ProviderData);
    }

    [Fact]
    public async Task Each_result_carries_display_name_and_identity_without_the_object_unless_asked()
    {
        var events = await List(Config());

        Assert.Equal(["widget alpha", "widget beta", "widget gamma"], events.Select(e => e.DisplayName));
        Assert.All(events, e => Assert.Null(e.ResourceObject));
        Assert.All(events, e => Assert.Empty(e.Diagnostic));
        Assert.Equal(FakeWidget.IdentityOf("beta", FakeWidget.DefaultRegion), Read(events[1].Identity.IdentityData, FakeWidget.Identity.Type));
        Assert.False(_provider.List.LastRequest!.IncludeResourceObject);
    }

    [Fact]
    public async Task Included_objects_are_in_the_resource_type_with_write_only_values_removed()
    {
        var events = await List(Config("g"), include: true);

        var gamma = Assert.Single(events);
        var state = Read(gamma.ResourceObject, FakeWidget.Type);
        Assert.Equal("gamma", state.GetString("name"));
        Assert.Equal(5, state.GetInt64("size"));
        Assert.True(state.GetAttribute("token").IsNull);
    }

    [Fact]
    public async Task The_limit_stops_the_enumeration_and_is_passed_to_the_list()
    {
        var events = await List(Config(), limit: 2);

        Assert.Equal(2, events.Count);
        Assert.Equal(2, _provider.List.Produced);
        Assert.Equal(2, _provider.List.LastRequest!.Limit);
    }

    [Fact]
    public async Task An_error_result_ends_the_stream_with_its_diagnostic()
    {
        _provider.List.FailAfter = 1;

        var events = await List(Config());

        Assert.Equal(2, events.Count);
        Assert.Equal("widget alpha", events[0].DisplayName);
        var error = Assert.Single(events[1].Diagnostic);
        Assert.Equal(Proto.Diagnostic.Types.Severity.Error, error.Severity);
        Assert.Equal("Listing failed", error.Summary);
    }

    [Fact]
    public async Task An_exception_becomes_a_final_error_event()
    {
        _provider.List.ThrowAfterFirst = true;

        var events = await List(Config());

        Assert.Equal(2, events.Count);
        Assert.Contains("boom", Assert.Single(events[1].Diagnostic).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_object_when_asked_for_is_reported_as_a_provider_bug()
    {
        _provider.List.LeaveObjectOut = true;

        var events = await List(Config(), include: true);

        Assert.Equal("Invalid List Result", Assert.Single(Assert.Single(events).Diagnostic).Summary);
    }

    [Fact]
    public async Task Unknown_list_type_is_one_diagnostic_event()
    {
        var events = await List(CtyValue.Null(CtyType.Object(new Dictionary<string, CtyType>())), type: "fake_nope");

        Assert.Equal("List Resource Type Not Found", Assert.Single(Assert.Single(events).Diagnostic).Summary);
    }

    [Fact]
    public async Task A_cancelled_call_ends_without_writing()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        var events = await List(Config(), token: cts.Token);

        Assert.Empty(events);
    }

    [Fact]
    public async Task Validate_list_config_runs_the_attribute_validators()
    {
        var response = await _service.ValidateListResourceConfig(new Proto.ValidateListResourceConfig.Types.Request
        {
            TypeName = "fake_widget",
            Config = Dv(Config("much-too-long")),
        }, CancellationToken.None);

        var error = Assert.Single(response.Diagnostics);
        Assert.Equal("prefix", Path(error.Attribute));
    }

    [Fact]
    public async Task Validate_list_config_runs_the_list_resources_own_check_after_the_attribute_validators()
    {
        async Task<IList<Proto.Diagnostic>> Validate(string prefix) => (await _service.ValidateListResourceConfig(
            new Proto.ValidateListResourceConfig.Types.Request { TypeName = "fake_widget", Config = Dv(Config(prefix)) }, CancellationToken.None)).Diagnostics;

        var error = Assert.Single(await Validate("none"));
        Assert.Equal("Useless prefix", error.Summary);
        Assert.Equal("prefix", Path(error.Attribute));
        Assert.Empty(await Validate("al"));
    }

    [Fact]
    public void A_list_resource_needs_a_resource_with_identity_of_the_same_name()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => new ProviderService(new ListWithoutIdentityProvider()));

        Assert.Contains("fake_thing", ex.Message, StringComparison.Ordinal);
    }

    private sealed class ListWithoutIdentityProvider : IProviderWithListResources
    {
        public Schema Schema => Schema.Empty;

        public IReadOnlyList<IResource> Resources => [new FakeResource()];

        public IReadOnlyList<IDataSource> DataSources => [];

        public IReadOnlyList<IListResource> ListResources => [new ThingList()];

        public Task ConfigureAsync(ProviderConfigureRequest request, ProviderConfigureResponse response, CancellationToken cancellationToken) =>
            Task.CompletedTask;
    }

    private sealed class ThingList : IListResource
    {
        public string TypeName => "fake_thing";

        public Schema ConfigSchema => Schema.Empty;

        public IAsyncEnumerable<ListResult> ListAsync(ListRequest request, CancellationToken cancellationToken) => AsyncEnumerable.Empty<ListResult>();
    }
}
