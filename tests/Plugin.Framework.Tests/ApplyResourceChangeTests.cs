using PodIdentity.Plugin.Framework.Internal;
using PodIdentity.Plugin.Values;
using static PodIdentity.Plugin.Framework.Tests.Wire;
using Proto = PodIdentity.Plugin.Protocol.Tfplugin6;

namespace PodIdentity.Plugin.Framework.Tests;

public sealed class ApplyResourceChangeTests
{
    private readonly FakeProvider _provider = new();
    private readonly ProviderService _service;

    public ApplyResourceChangeTests() => _service = new ProviderService(_provider);

    private Task<Proto.ApplyResourceChange.Types.Response> Apply(CtyValue prior, CtyValue planned, CtyValue config) =>
        _service.ApplyResourceChange(new Proto.ApplyResourceChange.Types.Request
        {
            TypeName = "fake_thing",
            PriorState = Dv(prior),
            PlannedState = Dv(planned),
            Config = Dv(config),
        }, CancellationToken.None);

    [Fact]
    public async Task Delete_returns_null_new_state()
    {
        var prior = Thing(("id", S("id-web")), ("name", S("web")));

        var response = await Apply(prior, CtyValue.Null(FakeResource.Type), CtyValue.Null(FakeResource.Type));

        Assert.Empty(response.Diagnostics);
        Assert.True(Read(response.NewState, FakeResource.Type).IsNull);
        Assert.Equal(["delete:id-web"], _provider.Resource.Calls);
    }

    [Fact]
    public async Task Create_returns_the_resource_state_with_provider_data()
    {
        await _service.ConfigureProvider(new Proto.ConfigureProvider.Types.Request
        {
            Config = Dv(ValueAccess.EmptyObject(_provider.Schema.Type).WithString("region", "eu-west-1")),
            TerraformVersion = "1.11.4",
        }, CancellationToken.None);
        var config = Thing(("name", S("web")), ("secret", S("hunter2")),
            ("rule", CtyValue.List(FakeResource.RuleType, [Rule(80, CtyValue.Null(CtyType.String))])));
        var planned = config.WithUnknown("id").WithUnknown("arn").WithBool("enabled", false).WithNull("secret")
            .WithAttribute("rule", CtyValue.List(FakeResource.RuleType, [Rule(80, CtyValue.Unknown(CtyType.String))]));

        var response = await Apply(CtyValue.Null(FakeResource.Type), planned, config);

        Assert.Empty(response.Diagnostics);
        var state = Read(response.NewState, FakeResource.Type);
        Assert.Equal("id-web", state.GetString("id"));
        Assert.Equal("arn:fake:web", state.GetString("arn"));
        Assert.Equal("auto", state.GetAttribute("rule").Elements[0].GetString("label"));
        Assert.True(state.GetAttribute("secret").IsNull);
        Assert.Equal("client-for-eu-west-1", _provider.Resource.LastProviderData);
        Assert.Equal(1, _provider.Resource.ConfigureCalls);
    }

    [Fact]
    public async Task Update_is_called_when_both_prior_and_plan_exist()
    {
        var prior = Thing(("id", S("id-web")), ("name", S("web")), ("arn", S("arn:fake:web")), ("enabled", CtyValue.False));
        var planned = prior.WithString("description", "d").WithUnknown("arn");

        var response = await Apply(prior, planned, planned.WithNull("id").WithNull("arn").WithNull("enabled"));

        Assert.Empty(response.Diagnostics);
        Assert.Equal("arn:fake:web:v2", Read(response.NewState, FakeResource.Type).GetString("arn"));
        Assert.Equal(["update"], _provider.Resource.Calls);
    }

    [Fact]
    public async Task Unknown_values_left_after_create_are_an_error()
    {
        var service = new ProviderService(new LazyProvider());
        var type = LazyProvider.Lazy.Schema.Type;
        var planned = ValueAccess.EmptyObject(type).WithUnknown("id");

        var response = await service.ApplyResourceChange(new Proto.ApplyResourceChange.Types.Request
        {
            TypeName = "lazy",
            PriorState = Null(type),
            PlannedState = Dv(planned),
            Config = Dv(ValueAccess.EmptyObject(type)),
        }, CancellationToken.None);

        var d = Assert.Single(response.Diagnostics);
        Assert.Equal(Proto.Diagnostic.Types.Severity.Error, d.Severity);
        Assert.Equal("Provider returned invalid result object after apply", d.Summary);
    }

    [Fact]
    public async Task Exceptions_become_error_diagnostics_and_keep_prior_state()
    {
        var service = new ProviderService(new LazyProvider());
        var type = LazyProvider.Lazy.Schema.Type;
        var prior = ValueAccess.EmptyObject(type).WithString("id", "x");

        var response = await service.ApplyResourceChange(new Proto.ApplyResourceChange.Types.Request
        {
            TypeName = "lazy",
            PriorState = Dv(prior),
            PlannedState = Null(type),
            Config = Null(type),
        }, CancellationToken.None);

        var d = Assert.Single(response.Diagnostics);
        Assert.Equal(Proto.Diagnostic.Types.Severity.Error, d.Severity);
        Assert.Contains("boom", d.Detail);
        Assert.Equal(prior, Read(response.NewState, type));
    }

    private sealed class LazyProvider : IProvider
    {
        public static readonly LazyResource Lazy = new();

        public Schema Schema => Schema.Empty;

        public IReadOnlyList<IResource> Resources => [Lazy];

        public IReadOnlyList<IDataSource> DataSources => [];

        public Task ConfigureAsync(ProviderConfigureRequest request, ProviderConfigureResponse response, CancellationToken cancellationToken) =>
            Task.CompletedTask;
    }

    // Leaves the plan as it is (with unknowns), and fails to delete.
    internal sealed class LazyResource : IResource
    {
        public string TypeName => "lazy";

        public Schema Schema { get; } = new() { Attributes = [new SchemaAttribute { Name = "id", Type = CtyType.String, Computed = true }] };

        public Task CreateAsync(CreateRequest request, CreateResponse response, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task ReadAsync(ReadRequest request, ReadResponse response, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task UpdateAsync(UpdateRequest request, UpdateResponse response, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task DeleteAsync(DeleteRequest request, DeleteResponse response, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("boom");
    }
}
