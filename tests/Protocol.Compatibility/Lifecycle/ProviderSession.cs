using Google.Protobuf;
using Grpc.Core;
using PodIdentity.Plugin.Values;
using PodIdentity.Protocol.Compatibility.Clients;
using PodIdentity.Protocol.Compatibility.GoPlugin;
using PodIdentity.Protocol.Compatibility.Tfplugin6;
using PodIdentity.Protocol.Compatibility.Wire;

namespace PodIdentity.Protocol.Compatibility.Lifecycle;

/// <summary>
/// One provider process serving one walk, with requests filled the way the client's internal/plugin6/grpc_provider.go
/// fills them at its tag: which fields are set, when ClientCapabilities is sent, when identity travels. Every call is
/// recorded in the CLI's call log and its diagnostics checked (no errors, no severity 0).
/// </summary>
internal sealed class ProviderSession : IAsyncDisposable
{
    private readonly PluginProcess _plugin;
    private readonly Tfplugin6.Provider.ProviderClient _client;
    private readonly ClientProfile _profile;
    private readonly Walk _walk;
    private readonly List<string> _calls;

    public ProviderSession(PluginProcess plugin, ClientProfile profile, Walk walk, List<string> calls)
    {
        _plugin = plugin;
        _client = new Tfplugin6.Provider.ProviderClient(plugin.Channel);
        _profile = profile;
        _walk = walk;
        _calls = calls;
    }

    public ProviderSchemas Schemas { get; private set; } = null!;

    public PluginProcess Plugin => _plugin;

    private ClientCapabilities? Capabilities => _profile.Capabilities switch
    {
        CapabilitiesMode.None => null,
        CapabilitiesMode.WriteOnlyOnly => new ClientCapabilities { WriteOnlyAttributesAllowed = true },
        _ => new ClientCapabilities { WriteOnlyAttributesAllowed = true, DeferralAllowed = _walk == Walk.Apply },
    };

    /// <summary>GetProviderSchema, then GetResourceIdentitySchemas for clients that know identity (UNIMPLEMENTED is
    /// taken as "no identities", as both products do).</summary>
    public async Task<ProviderSchemas> FetchSchemasAsync(bool withIdentities)
    {
        var schema = await Call("GetProviderSchema", () => _client.GetProviderSchemaAsync(new GetProviderSchema.Types.Request()).ResponseAsync);
        Diagnostics.AssertNoErrors("GetProviderSchema", schema.Diagnostics);
        GetResourceIdentitySchemas.Types.Response? identities = null;
        if (withIdentities)
        {
            _calls.Add("GetResourceIdentitySchemas");
            try
            {
                identities = await _client.GetResourceIdentitySchemasAsync(new GetResourceIdentitySchemas.Types.Request());
                Diagnostics.AssertNoErrors("GetResourceIdentitySchemas", identities.Diagnostics);
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Unimplemented)
            {
                identities = new GetResourceIdentitySchemas.Types.Response();
            }
        }

        Schemas = new ProviderSchemas(schema, identities);
        return Schemas;
    }

    /// <summary>OpenTofu's forced GetProviderSchema for a provider whose schema is not optional: the answer is
    /// discarded and the cached schemas (with their identities) stay in use.</summary>
    public async Task GetProviderSchemaOnlyAsync()
    {
        var schema = await Call("GetProviderSchema", () => _client.GetProviderSchemaAsync(new GetProviderSchema.Types.Request()).ResponseAsync);
        Diagnostics.AssertNoErrors("GetProviderSchema", schema.Diagnostics);
    }

    public void UseCachedSchemas(ProviderSchemas schemas) => Schemas = schemas;

    public async Task ValidateProviderConfigAsync(CtyValue config)
    {
        var response = await Call("ValidateProviderConfig", () => _client.ValidateProviderConfigAsync(new ValidateProviderConfig.Types.Request
        {
            Config = Dynamic.Encode(config, Schemas.Provider.Type),
        }).ResponseAsync);
        Diagnostics.AssertNoErrors("ValidateProviderConfig", response.Diagnostics);
    }

    /// <summary>A provider node's ConfigureProvider: ValidateProviderConfig first, then ConfigureProvider.</summary>
    public async Task ConfigureAsync(CtyValue config)
    {
        await ValidateProviderConfigAsync(config);
        var request = new ConfigureProvider.Types.Request
        {
            TerraformVersion = _profile.Version,
            Config = Dynamic.Encode(config, Schemas.Provider.Type),
            ClientCapabilities = Capabilities,
        };
        var response = await Call("ConfigureProvider", () => _client.ConfigureProviderAsync(request).ResponseAsync);
        Diagnostics.AssertNoErrors("ConfigureProvider", response.Diagnostics);
    }

    public async Task<IReadOnlyList<Diagnostic>> ValidateResourceConfigAsync(string type, CtyValue config)
    {
        var response = await Call("ValidateResourceConfig", () => _client.ValidateResourceConfigAsync(new ValidateResourceConfig.Types.Request
        {
            TypeName = type,
            Config = Dynamic.Encode(config, Schemas.Resource(type).Type),
            ClientCapabilities = Capabilities,
        }).ResponseAsync);
        Diagnostics.AssertNoErrors("ValidateResourceConfig", response.Diagnostics);
        return response.Diagnostics;
    }

    /// <summary>UpgradeResourceState with the stored JSON, as both products do on every read of state.</summary>
    public async Task<CtyValue> UpgradeResourceStateAsync(string type, CtyValue stored)
    {
        var shape = Schemas.Resource(type);
        var response = await Call("UpgradeResourceState", () => _client.UpgradeResourceStateAsync(new UpgradeResourceState.Types.Request
        {
            TypeName = type,
            Version = Schemas.ResourceVersion(type),
            RawState = new RawState { Json = ByteString.CopyFrom(JsonValueCodec.Encode(stored, shape.Type)) },
        }).ResponseAsync);
        Diagnostics.AssertNoErrors("UpgradeResourceState", response.Diagnostics);
        return Dynamic.Decode(response.UpgradedState, shape.Type);
    }

    public async Task<(StoredObject? Object, IReadOnlyList<Diagnostic> Diagnostics)> ReadResourceAsync(string type, StoredObject current)
    {
        var shape = Schemas.Resource(type);
        var identityType = IdentityTypeFor(type);
        var request = new ReadResource.Types.Request
        {
            TypeName = type,
            CurrentState = Dynamic.Encode(current.Value, shape.Type),
            Private = current.Private,
            ProviderMeta = Schemas.ProviderMetaValue,
            ClientCapabilities = Capabilities,
            CurrentIdentity = identityType is null ? null : Dynamic.Identity(current.Identity, identityType),
        };
        var response = await Call("ReadResource", () => _client.ReadResourceAsync(request).ResponseAsync);
        Diagnostics.AssertNoErrors("ReadResource", response.Diagnostics);
        Assert.Null(response.Deferred);
        var state = Dynamic.Decode(response.NewState, shape.Type);
        if (state.IsNull)
        {
            return (null, response.Diagnostics);
        }

        var identity = identityType is null ? current.Identity : Dynamic.Identity(response.NewIdentity, identityType);
        return (new StoredObject(state, response.Private, identity), response.Diagnostics);
    }

    /// <summary>PlanResourceChange, or the client's own null plan for a destroy when the provider did not ask to plan destroys.</summary>
    public async Task<PlannedChange> PlanResourceChangeAsync(string type, StoredObject? prior, CtyValue config)
    {
        var shape = Schemas.Resource(type);
        var identityType = IdentityTypeFor(type);
        var priorValue = prior?.Value ?? CtyValue.Null(shape.Type);
        var proposed = shape.ProposedNew(priorValue, config);
        if (proposed.IsNull && !Schemas.PlanDestroy)
        {
            return new PlannedChange(priorValue, proposed, config, prior?.Private ?? ByteString.Empty, CtyValue.Null(CtyType.Dynamic), []);
        }

        var request = new PlanResourceChange.Types.Request
        {
            TypeName = type,
            PriorState = Dynamic.Encode(priorValue, shape.Type),
            ProposedNewState = Dynamic.Encode(proposed, shape.Type),
            Config = Dynamic.Encode(config, shape.Type),
            PriorPrivate = prior?.Private ?? ByteString.Empty,
            ProviderMeta = Schemas.ProviderMetaValue,
            ClientCapabilities = Capabilities,
            PriorIdentity = identityType is null || prior is null ? null : Dynamic.Identity(prior.Identity, identityType),
        };
        var response = await Call("PlanResourceChange", () => _client.PlanResourceChangeAsync(request).ResponseAsync);
        Diagnostics.AssertNoErrors("PlanResourceChange", response.Diagnostics);
        Assert.Null(response.Deferred);
        Assert.False(response.LegacyTypeSystem, "legacy_type_system is only for the old Go SDK");
        var planned = Dynamic.Decode(response.PlannedState, shape.Type);
        var plannedIdentity = identityType is null ? CtyValue.Null(CtyType.Dynamic) : Dynamic.Identity(response.PlannedIdentity, identityType);
        var replace = response.RequiresReplace.Select(p => string.Join(".", p.Steps.Select(s => s.AttributeName))).ToList();
        return new PlannedChange(priorValue, planned, config, response.PlannedPrivate, plannedIdentity, replace);
    }

    public async Task<StoredObject?> ApplyResourceChangeAsync(string type, PlannedChange change)
    {
        var shape = Schemas.Resource(type);
        var identityType = IdentityTypeFor(type);
        var request = new ApplyResourceChange.Types.Request
        {
            TypeName = type,
            PriorState = Dynamic.Encode(change.Prior, shape.Type),
            PlannedState = Dynamic.Encode(change.Planned, shape.Type),
            Config = Dynamic.Encode(change.Config, shape.Type),
            PlannedPrivate = change.PlannedPrivate,
            ProviderMeta = Schemas.ProviderMetaValue,
            PlannedIdentity = identityType is null || change.PlannedIdentity.IsNull ? null : Dynamic.Identity(change.PlannedIdentity, identityType),
        };
        var response = await Call("ApplyResourceChange", () => _client.ApplyResourceChangeAsync(request).ResponseAsync);
        Diagnostics.AssertNoErrors("ApplyResourceChange", response.Diagnostics);
        Assert.False(response.LegacyTypeSystem, "legacy_type_system is only for the old Go SDK");
        var state = Dynamic.Decode(response.NewState, shape.Type);
        if (state.IsNull)
        {
            return null;
        }

        var identity = identityType is null ? CtyValue.Null(CtyType.Dynamic) : Dynamic.Identity(response.NewIdentity, identityType);
        return new StoredObject(state, response.Private, identity);
    }

    /// <summary>ImportResourceState by id, or by identity (id left empty) for clients that import by identity.</summary>
    public async Task<StoredObject> ImportResourceStateAsync(string type, string? id, CtyValue? identity = null)
    {
        var shape = Schemas.Resource(type);
        var identityType = IdentityTypeFor(type);
        var request = new ImportResourceState.Types.Request { TypeName = type, ClientCapabilities = Capabilities };
        if (identity is not null)
        {
            request.Identity = Dynamic.Identity(identity, identityType ?? throw new InvalidOperationException("no identity schema for " + type));
        }
        else
        {
            request.Id = id ?? throw new ArgumentNullException(nameof(id));
        }

        var response = await Call("ImportResourceState", () => _client.ImportResourceStateAsync(request).ResponseAsync);
        Diagnostics.AssertNoErrors("ImportResourceState", response.Diagnostics);
        Assert.Null(response.Deferred);
        var imported = Assert.Single(response.ImportedResources);
        Assert.Equal(type, imported.TypeName);
        var state = Dynamic.Decode(imported.State, shape.Type);
        Assert.False(state.IsNull, "import returned a null object");
        var importedIdentity = identityType is null ? CtyValue.Null(CtyType.Dynamic) : Dynamic.Identity(imported.Identity, identityType);
        return new StoredObject(state, imported.Private, importedIdentity);
    }

    public async Task<CtyValue> UpgradeResourceIdentityAsync(string type, long version, CtyValue identity)
    {
        var identityType = IdentityTypeFor(type) ?? throw new InvalidOperationException("no identity schema for " + type);
        var response = await Call("UpgradeResourceIdentity", () => _client.UpgradeResourceIdentityAsync(new UpgradeResourceIdentity.Types.Request
        {
            TypeName = type,
            Version = version,
            RawIdentity = new RawState { Json = ByteString.CopyFrom(JsonValueCodec.Encode(identity, identityType)) },
        }).ResponseAsync);
        Diagnostics.AssertNoErrors("UpgradeResourceIdentity", response.Diagnostics);
        return Dynamic.Identity(response.UpgradedIdentity, identityType);
    }

    /// <summary>Terraform 1.14 sends only type_name and config here; include_resource_object and limit stay unset.</summary>
    public async Task ValidateListResourceConfigAsync(string type, CtyValue config)
    {
        var shape = Schemas.ListResource(type) ?? throw new InvalidOperationException("no list resource schema for " + type);
        var response = await Call("ValidateListResourceConfig", () => _client.ValidateListResourceConfigAsync(new ValidateListResourceConfig.Types.Request
        {
            TypeName = type,
            Config = Dynamic.Encode(config, shape.Type),
        }).ResponseAsync);
        Diagnostics.AssertNoErrors("ValidateListResourceConfig", response.Diagnostics);
    }

    /// <summary>ListResource read as Terraform 1.14 reads it: stop at the limit or end of stream; an error diagnostic
    /// ends the read. Also returns how many events arrived in all and the diagnostics seen.</summary>
    public async Task<(IReadOnlyList<ListedResource> Results, IReadOnlyList<Diagnostic> Diagnostics, int Events)> ListResourceAsync(
        string type, CtyValue config, bool includeResourceObject, long limit, bool readPastLimit = false)
    {
        var listShape = Schemas.ListResource(type) ?? throw new InvalidOperationException("no list resource schema for " + type);
        var shape = Schemas.Resource(type);
        var identityType = IdentityTypeFor(type) ?? throw new InvalidOperationException("list resources need an identity schema: " + type);
        _calls.Add("ListResource");
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        using var call = _client.ListResource(new ListResource.Types.Request
        {
            TypeName = type,
            Config = Dynamic.Encode(config, listShape.Type),
            IncludeResourceObject = includeResourceObject,
            Limit = limit,
        }, cancellationToken: cancel.Token);
        var results = new List<ListedResource>();
        var diagnostics = new List<Diagnostic>();
        var events = 0;
        while ((readPastLimit || results.Count < limit) && await call.ResponseStream.MoveNext(cancel.Token))
        {
            events++;
            var e = call.ResponseStream.Current;
            diagnostics.AddRange(e.Diagnostic);
            if (e.Diagnostic.Any(d => d.Severity == Diagnostic.Types.Severity.Error))
            {
                break;
            }

            if (e.Identity?.IdentityData is null)
            {
                continue;
            }

            var resource = e.ResourceObject is { } o ? Dynamic.Decode(o, shape.Type) : (CtyValue?)null;
            results.Add(new ListedResource(e.DisplayName, Dynamic.Identity(e.Identity, identityType), resource));
        }

        return (results, diagnostics, events);
    }

    /// <summary>Ends the process as go-plugin's Kill does and checks it behaved: out within the grace period after
    /// Shutdown, nothing on stdout after the handshake.</summary>
    public async Task CloseAsync()
    {
        await _plugin.DisposeAsync();
        Assert.True(_plugin.ExitedAfterShutdown, $"the provider did not exit within {PluginLaunch.ShutdownGrace.TotalSeconds} s of Shutdown");
        Assert.Empty(_plugin.LaterStdout);
    }

    public ValueTask DisposeAsync() => _plugin.DisposeAsync();

    private ObjectType? IdentityTypeFor(string type) => _profile.SendsIdentity ? Schemas.IdentityType(type) : null;

    private async Task<T> Call<T>(string name, Func<Task<T>> call)
    {
        _calls.Add(name);
        try
        {
            return await call();
        }
        catch (RpcException e)
        {
            // The clients show a non-OK status as "Plugin did not respond".
            Assert.Fail($"{name}: the plugin did not respond ({e.StatusCode}: {e.Status.Detail}) {_plugin.TlsFailure} "
                + $"{_plugin.Age.TotalMilliseconds:F0} ms after its handshake line; the end of its stderr (the provider's log, all of it in {_plugin.LogPath}):\n{_plugin.StderrTail}");
            throw;
        }
    }
}
