using System.Collections.Frozen;
using System.Diagnostics;
using Google.Protobuf;
using Google.Protobuf.Collections;
using PodIdentity.Plugin.Hosting;
using PodIdentity.Plugin.Values;
using Proto = PodIdentity.Plugin.Protocol.Tfplugin6;

namespace PodIdentity.Plugin.Framework.Internal;

/// <summary>
/// The tfplugin6 Provider service: converts wire messages to framework calls and back. One instance per process.
/// Handlers never let provider exceptions reach the transport: they become error diagnostics.
/// </summary>
internal sealed partial class ProviderService
{
    private readonly IProvider _provider;
    private readonly FrozenDictionary<string, IResource> _resources;
    private readonly FrozenDictionary<string, IDataSource> _dataSources;
    private readonly FrozenDictionary<string, IListResource> _listResources;
    private readonly Lazy<Proto.GetProviderSchema.Types.Response> _schemaResponse;

    // Replaced on every StopProvider so that calls after a stop are not born cancelled.
    private CancellationTokenSource _stop = new();
    private volatile object? _providerData;

    public ProviderService(IProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        _provider = provider;
        provider.Schema.Check("provider");
        _resources = Index(provider.Resources, r => r.TypeName, "resource");
        _dataSources = Index(provider.DataSources, d => d.TypeName, "data source");
        foreach (var r in _resources.Values)
        {
            r.Schema.Check(r.TypeName);
            (r as IResourceWithIdentity)?.IdentitySchema.Check(r.TypeName + " identity");
        }

        foreach (var d in _dataSources.Values)
        {
            d.Schema.Check(d.TypeName);
        }

        _listResources = IndexListResources(provider, _resources);
        _schemaResponse = new Lazy<Proto.GetProviderSchema.Types.Response>(BuildSchemaResponse);
    }

    internal static Proto.ServerCapabilities Capabilities => new()
    {
        PlanDestroy = true,
        GetProviderSchemaOptional = true,
        MoveResourceState = false,
    };

    internal object? ProviderData => _providerData;

    public Task<Proto.StopProvider.Types.Response> StopProvider(Proto.StopProvider.Types.Request request, CancellationToken cancellationToken)
    {
        var previous = Interlocked.Exchange(ref _stop, new CancellationTokenSource());
        Log.Info("StopProvider: cancelling in-flight operations");
        previous.Cancel();
        return Task.FromResult(new Proto.StopProvider.Types.Response());
    }

    /// <summary>
    /// Runs one RPC: ORs the provider-wide stop token into the call's token, turns exceptions into error
    /// diagnostics, attaches the diagnostics and logs name and duration (never values).
    /// </summary>
    private async Task<TResponse> Handle<TResponse>(
        string method,
        CancellationToken callToken,
        Func<TResponse, RepeatedField<Proto.Diagnostic>> diagnosticsOf,
        Func<TResponse, Diagnostics, CancellationToken, Task> body)
        where TResponse : IMessage<TResponse>, new()
    {
        var started = Stopwatch.GetTimestamp();
        Log.Trace("tfplugin6 call started", ("rpc", method));
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(callToken, Volatile.Read(ref _stop).Token);
        var response = new TResponse();
        var diagnostics = new Diagnostics();
        try
        {
            await body(response, diagnostics, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            diagnostics.AddError(
                "Operation cancelled",
                "The provider was asked to stop (for example by Ctrl-C) before this operation finished. "
                + "The remote object may be partly created or changed; run terraform plan to see its state.");
        }
        catch (CtyDecodeException ex)
        {
            diagnostics.AddError("Invalid value from Terraform", $"The provider could not decode a value at {Where(ex.Path)}: {ex.Reason}");
        }
        catch (Exception ex) when (ex is not Grpc.Core.RpcException)
        {
            Log.Error("provider error", ("rpc", method), ("error", ex.GetType().FullName), ("message", ex.Message));
            diagnostics.AddError("Unexpected provider error", $"{method} failed: {ex.Message} ({ex.GetType().Name}). This is a bug in the provider.");
        }

        diagnosticsOf(response).AddRange(ProtoConvert.Diagnostics(diagnostics));
        Log.Debug(
            "tfplugin6 call finished",
            ("rpc", method),
            ("duration_ms", Stopwatch.GetElapsedTime(started).TotalMilliseconds),
            ("diagnostics", diagnostics.Count),
            ("errors", diagnostics.HasErrors));
        return response;
    }

    private static string Where(AttributePath path) => path.IsRoot ? "the top level" : path.ToString();

    private bool TryResource(string typeName, Diagnostics diagnostics, out IResource resource)
    {
        if (_resources.TryGetValue(typeName, out resource!))
        {
            return true;
        }

        diagnostics.AddError("Resource Type Not Found", $"This provider has no resource type \"{typeName}\".");
        return false;
    }

    private bool TryDataSource(string typeName, Diagnostics diagnostics, out IDataSource dataSource)
    {
        if (_dataSources.TryGetValue(typeName, out dataSource!))
        {
            return true;
        }

        diagnostics.AddError("Data Source Type Not Found", $"This provider has no data source type \"{typeName}\".");
        return false;
    }

    private static FrozenDictionary<string, T> Index<T>(IEnumerable<T> items, Func<T, string> name, string kind)
    {
        var result = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (!result.TryAdd(name(item), item))
            {
                throw new InvalidOperationException($"Duplicate {kind} type \"{name(item)}\".");
            }
        }

        return result.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>Unknowns left in a result become null so the value can be stored; used when an error is reported anyway.</summary>
    internal static CtyValue UnknownAsNull(CtyValue value)
    {
        if (!value.IsKnown)
        {
            return CtyValue.Null(value.Type);
        }

        if (value.IsNull || value.IsWhollyKnown)
        {
            return value;
        }

        return value.Type switch
        {
            ObjectType o => CtyValue.Object(o, value.Attributes.ToDictionary(a => a.Key, a => UnknownAsNull(a.Value), StringComparer.Ordinal)),
            ListType l => CtyValue.List(l.ElementType, value.Elements.Select(UnknownAsNull)),
            SetType s => CtyValue.Set(s.ElementType, value.Elements.Select(UnknownAsNull)),
            MapType m => CtyValue.Map(m.ElementType, value.MapEntries.Select(e => KeyValuePair.Create(e.Key, UnknownAsNull(e.Value)))),
            TupleType => CtyValue.Tuple(value.Elements.Select(UnknownAsNull)),
            _ => value,
        };
    }

    private static ByteString Bytes(byte[]? data) => data is null ? ByteString.Empty : ByteString.CopyFrom(data);

    private static byte[]? Bytes(ByteString data) => data.IsEmpty ? null : data.ToByteArray();
}
