using System.Collections.Frozen;
using System.Diagnostics;
using PodIdentity.Plugin.Values;
using Proto = PodIdentity.Plugin.Protocol.Tfplugin6;

namespace PodIdentity.Plugin.Framework.Internal;

// List resources (tfplugin6.10, terraform query): config validation and the server-streaming ListResource.
internal sealed partial class ProviderService
{
    public Task<Proto.ValidateListResourceConfig.Types.Response> ValidateListResourceConfig(
        Proto.ValidateListResourceConfig.Types.Request request, CancellationToken cancellationToken) =>
        Handle<Proto.ValidateListResourceConfig.Types.Response>(nameof(ValidateListResourceConfig), cancellationToken, r => r.Diagnostics,
            (_, diagnostics, _) =>
            {
                if (TryListResource(request.TypeName, diagnostics, out var list))
                {
                    var config = DynamicValues.Decode(request.Config, list.ConfigSchema.Type);
                    ConfigValidation.Run(list.ConfigSchema, config, diagnostics);
                    (list as IListResourceWithValidateConfig)?.ValidateConfig(new ValidateConfigRequest { Config = config }, diagnostics);
                }

                return Task.CompletedTask;
            });

    /// <summary>
    /// Streams the list resource's results through <paramref name="write"/>: at most <c>limit</c> of them (0: all),
    /// each checked; a failure (a result with an error, an exception, a stop) is written as a last event with the
    /// diagnostic, so the stream itself always ends cleanly.
    /// </summary>
    public async Task ListResource(
        Proto.ListResource.Types.Request request, Func<Proto.ListResource.Types.Event, Task> write, CancellationToken callToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(write);
        var started = Stopwatch.GetTimestamp();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(callToken, Volatile.Read(ref _stop).Token);
        var token = linked.Token;
        var diagnostics = new Diagnostics();
        var written = 0L;
        try
        {
            if (TryListResource(request.TypeName, diagnostics, out var list))
            {
                var resource = _resources[list.TypeName];
                var config = DynamicValues.Decode(request.Config, list.ConfigSchema.Type);
                var listRequest = new ListRequest { Config = config, IncludeResourceObject = request.IncludeResourceObject, Limit = Math.Max(0, request.Limit) };
                await foreach (var result in list.ListAsync(listRequest, token).WithCancellation(token).ConfigureAwait(false))
                {
                    if (ListEvent(resource, result, request.IncludeResourceObject, diagnostics) is { } item)
                    {
                        await write(item).ConfigureAwait(false);
                        written++;
                    }

                    if (diagnostics.HasErrors || (listRequest.Limit > 0 && written >= listRequest.Limit))
                    {
                        break;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (callToken.IsCancellationRequested)
        {
            // Terraform stopped reading (or went away): nobody is left to tell.
            Log.Debug("tfplugin6 stream abandoned by the client", ("rpc", nameof(ListResource)), ("events", written));
            return;
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            diagnostics.AddError("Operation cancelled", "The provider was asked to stop (for example by Ctrl-C) before the list finished.");
        }
        catch (CtyDecodeException ex)
        {
            diagnostics.AddError("Invalid value from Terraform", $"The provider could not decode the list configuration at {Where(ex.Path)}: {ex.Reason}");
        }
        catch (Exception ex)
        {
            Log.Error("provider error", ("rpc", nameof(ListResource)), ("error", ex.GetType().FullName), ("message", ex.Message));
            diagnostics.AddError("Unexpected provider error", $"ListResource failed: {ex.Message} ({ex.GetType().Name}). This is a bug in the provider.");
        }

        if (diagnostics.Count > 0)
        {
            var last = new Proto.ListResource.Types.Event();
            last.Diagnostic.AddRange(ProtoConvert.Diagnostics(diagnostics));
            await write(last).ConfigureAwait(false);
        }

        Log.Debug(
            "tfplugin6 call finished",
            ("rpc", nameof(ListResource)),
            ("duration_ms", Stopwatch.GetElapsedTime(started).TotalMilliseconds),
            ("events", written),
            ("errors", diagnostics.HasErrors));
    }

    /// <summary>One result as an event, or null (with the problem in <paramref name="diagnostics"/>) when it is unusable.</summary>
    private static Proto.ListResource.Types.Event? ListEvent(IResource resource, ListResult result, bool includeObject, Diagnostics diagnostics)
    {
        // Warnings travel with their result; an error ends the stream in the final event.
        if (result.Diagnostics.HasErrors)
        {
            diagnostics.AddRange(result.Diagnostics);
            return null;
        }

        var identitySchema = ((IResourceWithIdentity)resource).IdentitySchema;
        if (result.Identity is not { IsNull: false, IsWhollyKnown: true } identity || !identity.Type.Equals(identitySchema.Type))
        {
            diagnostics.AddError("Invalid List Result", $"A {resource.TypeName} list result has no known identity. This is a bug in the provider.");
            return null;
        }

        var item = new Proto.ListResource.Types.Event { DisplayName = result.DisplayName, Identity = EncodeIdentity(identity, identitySchema) };
        item.Diagnostic.AddRange(ProtoConvert.Diagnostics(result.Diagnostics));
        if (includeObject)
        {
            var schema = resource.Schema;
            if (result.ResourceObject is not { IsNull: false, IsWhollyKnown: true } state || !state.Type.Equals(schema.Type))
            {
                diagnostics.AddError(
                    "Invalid List Result",
                    $"The {resource.TypeName} list result \"{result.DisplayName}\" has no known resource object although Terraform asked for it. "
                    + "This is a bug in the provider.");
                return null;
            }

            item.ResourceObject = DynamicValues.Encode(WriteOnly.Nullify(schema, state), schema.Type);
        }

        return item;
    }

    private bool TryListResource(string typeName, Diagnostics diagnostics, out IListResource list)
    {
        if (_listResources.TryGetValue(typeName, out list!))
        {
            return true;
        }

        diagnostics.AddError("List Resource Type Not Found", $"This provider has no list resource type \"{typeName}\".");
        return false;
    }

    private static FrozenDictionary<string, IListResource> IndexListResources(IProvider provider, IReadOnlyDictionary<string, IResource> resources)
    {
        var lists = provider is IProviderWithListResources withLists ? withLists.ListResources : [];
        var index = Index(lists, l => l.TypeName, "list resource");
        foreach (var list in index.Values)
        {
            if (!resources.TryGetValue(list.TypeName, out var resource) || resource is not IResourceWithIdentity)
            {
                throw new InvalidOperationException(
                    $"List resource \"{list.TypeName}\" needs a managed resource type of the same name with an identity.");
            }

            list.ConfigSchema.Check("list " + list.TypeName);
        }

        return index;
    }
}
