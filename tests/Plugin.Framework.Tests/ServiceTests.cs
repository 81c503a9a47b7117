using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PodIdentity.Plugin.Framework.Internal;
using PodIdentity.Plugin.Hosting.Internal;
using PodIdentity.Plugin.Values;
using static PodIdentity.Plugin.Framework.Tests.Wire;
using Proto = PodIdentity.Plugin.Protocol.Tfplugin6;

namespace PodIdentity.Plugin.Framework.Tests;

public sealed class ServiceTests
{
    private readonly FakeProvider _provider = new();
    private readonly ProviderService _service;

    public ServiceTests() => _service = new ProviderService(_provider);

    [Fact]
    public async Task Provider_schema_is_built_once_with_capabilities_and_empty_provider_meta()
    {
        var first = await _service.GetProviderSchema(new(), CancellationToken.None);
        var second = await _service.GetProviderSchema(new(), CancellationToken.None);

        Assert.Same(first, second);
        Assert.True(first.ServerCapabilities.PlanDestroy);
        Assert.True(first.ServerCapabilities.GetProviderSchemaOptional);
        Assert.False(first.ServerCapabilities.MoveResourceState);
        Assert.Equal(["fake_thing"], first.ResourceSchemas.Keys);
        Assert.Equal(["fake_lookup"], first.DataSourceSchemas.Keys);
        Assert.Empty(first.ProviderMeta.Block.Attributes);
        Assert.Equal("region", Assert.Single(first.Provider.Block.Attributes).Name);
        Assert.Empty(first.Diagnostics);
    }

    [Fact]
    public async Task Metadata_lists_types()
    {
        var metadata = await _service.GetMetadata(new(), CancellationToken.None);

        Assert.Equal("fake_thing", Assert.Single(metadata.Resources).TypeName);
        Assert.Equal("fake_lookup", Assert.Single(metadata.DataSources).TypeName);
        Assert.True(metadata.ServerCapabilities.PlanDestroy);
    }

    /// <summary>The RPCs this provider does not offer; every other tfplugin6 RPC must reach ProviderService.</summary>
    private static readonly string[] Unoffered =
    [
        "GenerateResourceConfig", "ValidateStateStoreConfig", "ConfigureStateStore",
        "ReadStateBytes", "WriteStateBytes", "GetStates", "DeleteState", "PlanAction", "InvokeAction", "ValidateActionConfig",
    ];

    [Fact]
    public void Every_offered_tfplugin6_rpc_is_overridden()
    {
        var service = Proto.Tfplugin6Reflection.Descriptor.Services.Single(s => s.Name == "Provider");
        var overridden = typeof(ProviderGrpcService)
            .GetMethods(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.DeclaredOnly)
            .Select(m => m.Name)
            .ToHashSet();
        var expected = service.Methods.Select(m => m.Name).Except(Unoffered).ToHashSet();

        Assert.Equal(24, expected.Count);
        Assert.Equal(expected.Order(), overridden.Order());
    }

    [Fact]
    public void Every_overridden_rpc_is_routed_by_the_typed_method_list()
    {
        // An override missing from ProviderGrpcService.Map would silently answer UNIMPLEMENTED.
        var grpc = new ProviderGrpcService(_service);
        using var lifetime = new HostLifetime();
        var pipeline = GrpcPipeline.Build(GrpcPipeline.Register(
            services => services.Add(grpc, "tfplugin6.Provider", grpc.Map), lifetime, new KestrelLogBridge()));
        var routed = pipeline.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Select(e => e.RoutePattern.RawText ?? "")
            .Where(r => r.StartsWith("/tfplugin6.Provider/", StringComparison.Ordinal))
            .Select(r => r["/tfplugin6.Provider/".Length..])
            .ToList();
        var overridden = typeof(ProviderGrpcService)
            .GetMethods(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.DeclaredOnly)
            .Select(m => m.Name);

        Assert.Equal(overridden.Order(), routed.Order());
    }

    [Fact]
    public async Task Unsupported_610_rpcs_answer_unimplemented()
    {
        var grpc = new ProviderGrpcService(_service);

        var ex = await Assert.ThrowsAsync<RpcException>(() => grpc.GenerateResourceConfig(new(), null!));

        Assert.Equal(StatusCode.Unimplemented, ex.StatusCode);
    }

    [Fact]
    public async Task ListResource_results_go_to_the_grpc_stream()
    {
        var identityProvider = new FakeIdentityProvider();
        var grpc = new ProviderGrpcService(new ProviderService(identityProvider));
        var stream = new RecordingStream<Proto.ListResource.Types.Event>();
        var config = ValueAccess.EmptyObject(identityProvider.List.ConfigSchema.Type).WithString("prefix", "b");

        await grpc.ListResource(
            new Proto.ListResource.Types.Request { TypeName = "fake_widget", Config = Dv(config), Limit = 10 },
            stream,
            new TokenOnlyContext(CancellationToken.None));

        Assert.Equal("widget beta", Assert.Single(stream.Written).DisplayName);
    }

    private sealed class RecordingStream<T> : IServerStreamWriter<T>
    {
        public List<T> Written { get; } = [];

        public WriteOptions? WriteOptions { get; set; }

        public Task WriteAsync(T message)
        {
            Written.Add(message);
            return Task.CompletedTask;
        }
    }

    /// <summary>A create of fake_thing that blocks in the resource until the test opens its gate.</summary>
    private Proto.ApplyResourceChange.Types.Request GatedCreate()
    {
        _provider.Resource.CreateGate = new TaskCompletionSource();
        var config = Thing(("name", S("web")));
        return new Proto.ApplyResourceChange.Types.Request
        {
            TypeName = "fake_thing",
            PriorState = Null(FakeResource.Type),
            PlannedState = Dv(config.WithUnknown("id").WithUnknown("arn").WithBool("enabled", false)),
            Config = Dv(config),
        };
    }

    [Fact]
    public async Task Calls_carry_the_call_token_to_the_provider()
    {
        var request = GatedCreate();
        using var call = new CancellationTokenSource();
        var apply = new ProviderGrpcService(_service).ApplyResourceChange(request, new TokenOnlyContext(call.Token));
        await _provider.Resource.CreateStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));

        call.Cancel();
        var response = await apply.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Contains(response.Diagnostics, d => d.Summary == "Operation cancelled");
    }

    [Fact]
    public async Task StopProvider_cancels_an_in_flight_create_and_the_provider_keeps_serving()
    {
        var request = GatedCreate();

        var inFlight = _service.ApplyResourceChange(request, CancellationToken.None);
        await _provider.Resource.CreateStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(inFlight.IsCompleted);
        var stop = await _service.StopProvider(new(), CancellationToken.None);
        var cancelled = await inFlight.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("", stop.Error);
        var d = Assert.Single(cancelled.Diagnostics);
        Assert.Equal(Proto.Diagnostic.Types.Severity.Error, d.Severity);
        Assert.Equal("Operation cancelled", d.Summary);
        Assert.True(Read(cancelled.NewState, FakeResource.Type).IsNull);

        // A new call after the stop is not born cancelled.
        _provider.Resource.CreateGate = null;
        var after = await _service.ApplyResourceChange(request, CancellationToken.None);
        Assert.Empty(after.Diagnostics);
        Assert.Equal("id-web", Read(after.NewState, FakeResource.Type).GetString("id"));
    }

    [Fact]
    public async Task Import_fills_state_and_unknown_types_are_errors()
    {
        var imported = await _service.ImportResourceState(
            new Proto.ImportResourceState.Types.Request { TypeName = "fake_thing", Id = "abc" }, CancellationToken.None);
        var unknown = await _service.ImportResourceState(
            new Proto.ImportResourceState.Types.Request { TypeName = "fake_other", Id = "abc" }, CancellationToken.None);

        var resource = Assert.Single(imported.ImportedResources);
        Assert.Equal("fake_thing", resource.TypeName);
        Assert.Equal("abc", Read(resource.State, FakeResource.Type).GetString("id"));
        Assert.Empty(unknown.ImportedResources);
        Assert.Equal(Proto.Diagnostic.Types.Severity.Error, Assert.Single(unknown.Diagnostics).Severity);
    }

    [Fact]
    public async Task Read_passes_private_through_and_can_remove_the_resource()
    {
        var state = Thing(("id", S("id-web")), ("name", S("web")));
        var request = new Proto.ReadResource.Types.Request
        {
            TypeName = "fake_thing",
            CurrentState = Dv(state),
            Private = ByteString.CopyFromUtf8("p"),
        };

        var kept = await _service.ReadResource(request, CancellationToken.None);
        _provider.Resource.RemoveOnRead = true;
        var removed = await _service.ReadResource(request, CancellationToken.None);

        Assert.Equal(state, Read(kept.NewState, FakeResource.Type));
        Assert.Equal("p", kept.Private.ToStringUtf8());
        Assert.True(Read(removed.NewState, FakeResource.Type).IsNull);
        Assert.Equal(Proto.Diagnostic.Types.Severity.Warning, Assert.Single(removed.Diagnostics).Severity);
    }

    [Fact]
    public async Task Data_source_read_accepts_json_input_and_answers_msgpack()
    {
        var type = new FakeDataSource().Schema.Type;
        var config = ValueAccess.EmptyObject(type).WithString("name", "abc");

        var response = await _service.ReadDataSource(new Proto.ReadDataSource.Types.Request
        {
            TypeName = "fake_lookup",
            Config = new Proto.DynamicValue { Json = ByteString.CopyFrom(JsonValueCodec.Encode(config, type)) },
        }, CancellationToken.None);

        Assert.Empty(response.Diagnostics);
        Assert.Equal("value-of-abc", Read(response.State, type).GetString("value"));
    }

    [Fact]
    public async Task Garbage_dynamic_values_are_error_diagnostics()
    {
        var response = await _service.ValidateResourceConfig(new Proto.ValidateResourceConfig.Types.Request
        {
            TypeName = "fake_thing",
            Config = new Proto.DynamicValue { Msgpack = ByteString.CopyFrom(0x92, 0x01, 0x02) },
        }, CancellationToken.None);

        var d = Assert.Single(response.Diagnostics);
        Assert.Equal(Proto.Diagnostic.Types.Severity.Error, d.Severity);
        Assert.Equal("Invalid value from Terraform", d.Summary);
    }

    [Fact]
    public async Task Functions_identity_move_and_ephemeral_answers()
    {
        var functions = await _service.GetFunctions(new(), CancellationToken.None);
        var call = await _service.CallFunction(new Proto.CallFunction.Types.Request { Name = "f" }, CancellationToken.None);
        var identities = await _service.GetResourceIdentitySchemas(new(), CancellationToken.None);
        var move = await _service.MoveResourceState(
            new Proto.MoveResourceState.Types.Request { TargetTypeName = "fake_thing", SourceTypeName = "old_thing" }, CancellationToken.None);
        var ephemeral = await _service.OpenEphemeralResource(
            new Proto.OpenEphemeralResource.Types.Request { TypeName = "fake_eph" }, CancellationToken.None);
        var identity = await _service.UpgradeResourceIdentity(
            new Proto.UpgradeResourceIdentity.Types.Request { TypeName = "fake_thing" }, CancellationToken.None);

        Assert.Empty(functions.Functions);
        Assert.Empty(functions.Diagnostics);
        Assert.Contains("\"f\"", call.Error.Text);
        Assert.Empty(identities.IdentitySchemas);
        Assert.Equal("Unable to Move Resource State", Assert.Single(move.Diagnostics).Summary);
        Assert.Equal(Proto.Diagnostic.Types.Severity.Error, Assert.Single(ephemeral.Diagnostics).Severity);
        Assert.Equal(Proto.Diagnostic.Types.Severity.Error, Assert.Single(identity.Diagnostics).Severity);
    }

    [Fact]
    public async Task Configure_without_client_capabilities_works()
    {
        var response = await _service.ConfigureProvider(new Proto.ConfigureProvider.Types.Request
        {
            Config = Dv(ValueAccess.EmptyObject(_provider.Schema.Type)),
        }, CancellationToken.None);

        Assert.Empty(response.Diagnostics);
        Assert.Equal("client-for-default", _service.ProviderData);
    }

    /// <summary>A server call context that carries only a cancellation token (all the glue reads).</summary>
    private sealed class TokenOnlyContext(CancellationToken token) : ServerCallContext
    {
        protected override string MethodCore => "/tfplugin6.Provider/Test";

        protected override string HostCore => "localhost";

        protected override string PeerCore => "unix:test";

        protected override DateTime DeadlineCore => DateTime.MaxValue;

        protected override Metadata RequestHeadersCore => [];

        protected override CancellationToken CancellationTokenCore => token;

        protected override Metadata ResponseTrailersCore => [];

        protected override Status StatusCore { get; set; }

        protected override WriteOptions? WriteOptionsCore { get; set; }

        protected override AuthContext AuthContextCore => new(null, []);

        protected override ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options) =>
            throw new NotSupportedException();

        protected override Task WriteResponseHeadersAsyncCore(Metadata responseHeaders) => Task.CompletedTask;
    }
}
