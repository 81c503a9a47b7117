using PodIdentity.Plugin.Values;
using Proto = PodIdentity.Plugin.Protocol.Tfplugin6;

namespace PodIdentity.Plugin.Framework.Internal;

// Managed resource lifecycle.
internal sealed partial class ProviderService
{
    // Terraform calls this for every resource in state, even at the current version.
    public Task<Proto.UpgradeResourceState.Types.Response> UpgradeResourceState(
        Proto.UpgradeResourceState.Types.Request request, CancellationToken cancellationToken) =>
        Handle<Proto.UpgradeResourceState.Types.Response>(nameof(UpgradeResourceState), cancellationToken, r => r.Diagnostics,
            (response, diagnostics, _) =>
            {
                if (!TryResource(request.TypeName, diagnostics, out var resource))
                {
                    return Task.CompletedTask;
                }

                var schema = resource.Schema;
                var raw = request.RawState;
                if (raw is null || (raw.Json.IsEmpty && raw.Flatmap.Count == 0))
                {
                    response.UpgradedState = DynamicValues.Encode(CtyValue.Null(schema.Type), schema.Type);
                    return Task.CompletedTask;
                }

                if (raw.Json.IsEmpty)
                {
                    diagnostics.AddError(
                        "Unable to Upgrade Resource State",
                        $"The stored state of this {request.TypeName} is in the legacy flatmap format, which this provider does not read. "
                        + "Remove it from state and import it again.");
                    return Task.CompletedTask;
                }

                var state = UpgradeStoredState(resource, request.Version, raw.Json.Memory, diagnostics);
                if (state is not null)
                {
                    response.UpgradedState = DynamicValues.Encode(WriteOnly.Nullify(schema, state), schema.Type);
                }

                return Task.CompletedTask;
            });

    private static CtyValue? UpgradeStoredState(IResource resource, long version, ReadOnlyMemory<byte> json, Diagnostics diagnostics)
    {
        var schema = resource.Schema;
        if (version == schema.Version)
        {
            return StateJson.Decode(json.Span, schema.Type);
        }

        if (version > schema.Version)
        {
            diagnostics.AddError(
                "Unable to Upgrade Resource State",
                $"The state of this {resource.TypeName} was written by a newer provider (schema version {version}; this provider knows up to "
                + $"{schema.Version}). Use that provider version or newer.");
            return null;
        }

        if (resource is not IResourceWithUpgradeState upgrader)
        {
            diagnostics.AddError(
                "Unable to Upgrade Resource State",
                $"The state of this {resource.TypeName} has schema version {version}, and this provider cannot upgrade it to version {schema.Version}.");
            return null;
        }

        var response = new UpgradeStateResponse();
        upgrader.UpgradeState(new UpgradeStateRequest { Version = version, RawStateJson = json }, response);
        diagnostics.AddRange(response.Diagnostics);
        if (response.Diagnostics.HasErrors)
        {
            return null;
        }

        if (response.State is not { } upgraded || !upgraded.Type.Equals(schema.Type))
        {
            diagnostics.AddError(
                "Unable to Upgrade Resource State",
                $"Upgrading {resource.TypeName} state from version {version} did not produce a value of the current schema. This is a bug in the provider.");
            return null;
        }

        return upgraded;
    }

    public Task<Proto.ReadResource.Types.Response> ReadResource(Proto.ReadResource.Types.Request request, CancellationToken cancellationToken) =>
        Handle<Proto.ReadResource.Types.Response>(nameof(ReadResource), cancellationToken, r => r.Diagnostics,
            async (response, diagnostics, token) =>
            {
                if (!TryResource(request.TypeName, diagnostics, out var resource))
                {
                    return;
                }

                var type = resource.Schema.Type;
                var current = DynamicValues.Decode(request.CurrentState, type);
                response.Private = request.Private;
                response.NewState = request.CurrentState ?? DynamicValues.Encode(current, type);
                if (current.IsNull)
                {
                    return;
                }

                var identity = DecodeIdentity(resource, request.CurrentIdentity);
                var read = new ReadResponse { State = current, Private = Bytes(request.Private), Identity = identity };
                await resource.ReadAsync(
                    new ReadRequest { State = current, Private = read.Private, Identity = identity }, read, token)
                    .ConfigureAwait(false);
                diagnostics.AddRange(read.Diagnostics);
                var state = read.State;
                if (!state.IsWhollyKnown && !diagnostics.HasErrors)
                {
                    diagnostics.AddError("Provider produced invalid state", $"Read of {resource.TypeName} left unknown values in state. This is a bug in the provider.");
                }

                response.NewState = DynamicValues.Encode(WriteOnly.Nullify(resource.Schema, UnknownAsNull(state)), type);
                response.Private = Bytes(read.Private);
                if (!state.IsNull)
                {
                    response.NewIdentity = FinishIdentity(resource, "Read", read.Identity, identity, diagnostics);
                }
            });

    public Task<Proto.PlanResourceChange.Types.Response> PlanResourceChange(
        Proto.PlanResourceChange.Types.Request request, CancellationToken cancellationToken) =>
        Handle<Proto.PlanResourceChange.Types.Response>(nameof(PlanResourceChange), cancellationToken, r => r.Diagnostics,
            async (response, diagnostics, token) =>
            {
                if (!TryResource(request.TypeName, diagnostics, out var resource))
                {
                    return;
                }

                var type = resource.Schema.Type;
                var prior = DynamicValues.Decode(request.PriorState, type);
                var proposed = DynamicValues.Decode(request.ProposedNewState, type);
                var config = DynamicValues.Decode(request.Config, type);
                response.PlannedPrivate = request.PriorPrivate;

                var result = await PlanPipeline.RunAsync(
                    resource, prior, proposed, config, Bytes(request.PriorPrivate), diagnostics, token).ConfigureAwait(false);
                response.PlannedState = DynamicValues.Encode(result.Planned, type);
                response.RequiresReplace.AddRange(result.RequiresReplace.Select(ProtoConvert.Path));

                // An existing object keeps its identity; a new one gets it on create (Terraform re-plans replacements as creates).
                if (!prior.IsNull && !result.Planned.IsNull && request.PriorIdentity is not null)
                {
                    response.PlannedIdentity = request.PriorIdentity;
                }
            });

    public Task<Proto.ApplyResourceChange.Types.Response> ApplyResourceChange(
        Proto.ApplyResourceChange.Types.Request request, CancellationToken cancellationToken) =>
        Handle<Proto.ApplyResourceChange.Types.Response>(nameof(ApplyResourceChange), cancellationToken, r => r.Diagnostics,
            async (response, diagnostics, token) =>
            {
                if (!TryResource(request.TypeName, diagnostics, out var resource))
                {
                    return;
                }

                var schema = resource.Schema;
                var prior = DynamicValues.Decode(request.PriorState, schema.Type);
                var planned = DynamicValues.Decode(request.PlannedState, schema.Type);
                var config = DynamicValues.Decode(request.Config, schema.Type);

                // Until the resource says otherwise, nothing changed.
                response.NewState = DynamicValues.Encode(prior, schema.Type);
                response.Private = request.PlannedPrivate;

                var plannedIdentity = prior.IsNull ? null : DecodeIdentity(resource, request.PlannedIdentity);
                var (state, privateData, identity) = await ApplyAsync(
                    resource, prior, planned, config, Bytes(request.PlannedPrivate), plannedIdentity, diagnostics, token).ConfigureAwait(false);
                response.NewState = DynamicValues.Encode(WriteOnly.Nullify(schema, state), schema.Type);
                response.Private = Bytes(privateData);
                if (identity is not null)
                {
                    response.NewIdentity = identity;
                }
            });

    // The identity is checked after every successful create and update, whether or not Terraform sent one.
    private async Task<(CtyValue State, byte[]? Private, Proto.ResourceIdentityData? Identity)> ApplyAsync(
        IResource resource,
        CtyValue prior,
        CtyValue planned,
        CtyValue config,
        byte[]? privateData,
        CtyValue? plannedIdentity,
        Diagnostics diagnostics,
        CancellationToken token)
    {
        if (planned.IsNull)
        {
            var deleted = new DeleteResponse();
            await resource.DeleteAsync(new DeleteRequest { PriorState = prior, Private = privateData }, deleted, token)
                .ConfigureAwait(false);
            diagnostics.AddRange(deleted.Diagnostics);
            return deleted.Diagnostics.HasErrors ? (prior, privateData, null) : (CtyValue.Null(resource.Schema.Type), null, null);
        }

        if (prior.IsNull)
        {
            var created = new CreateResponse { State = planned, Private = privateData };
            await resource.CreateAsync(new CreateRequest { Config = config, Plan = planned }, created, token)
                .ConfigureAwait(false);
            diagnostics.AddRange(created.Diagnostics);

            // A failed create that recorded nothing leaves nothing in state.
            if (created.Diagnostics.HasErrors && created.State.Equals(planned))
            {
                return (CtyValue.Null(resource.Schema.Type), null, null);
            }

            var createdState = Finished(resource, "Create", created.State, diagnostics);
            return (createdState, created.Private, FinishIdentity(resource, "Create", created.Identity, null, diagnostics));
        }

        var updated = new UpdateResponse { State = planned, Private = privateData, Identity = plannedIdentity };
        await resource.UpdateAsync(
            new UpdateRequest
            {
                Config = config,
                Plan = planned,
                PriorState = prior,
                Private = privateData,
                Identity = plannedIdentity,
            },
            updated,
            token).ConfigureAwait(false);
        diagnostics.AddRange(updated.Diagnostics);

        // A failed update that recorded nothing keeps the prior state rather than claiming the plan was applied.
        if (updated.Diagnostics.HasErrors && updated.State.Equals(planned))
        {
            return (prior, privateData, null);
        }

        var updatedState = Finished(resource, "Update", updated.State, diagnostics);
        return (updatedState, updated.Private, FinishIdentity(resource, "Update", updated.Identity, plannedIdentity, diagnostics));
    }

    private static CtyValue Finished(IResource resource, string operation, CtyValue state, Diagnostics diagnostics)
    {
        if (!state.Type.Equals(resource.Schema.Type))
        {
            throw new InvalidOperationException($"{operation} of {resource.TypeName} returned a state of the wrong type.");
        }

        if (!state.IsWhollyKnown && !diagnostics.HasErrors)
        {
            diagnostics.AddError(
                "Provider returned invalid result object after apply",
                $"{operation} of {resource.TypeName} left unknown values in the new state. This is a bug in the provider.");
        }

        return UnknownAsNull(state);
    }

    public Task<Proto.ImportResourceState.Types.Response> ImportResourceState(
        Proto.ImportResourceState.Types.Request request, CancellationToken cancellationToken) =>
        Handle<Proto.ImportResourceState.Types.Response>(nameof(ImportResourceState), cancellationToken, r => r.Diagnostics,
            async (response, diagnostics, token) =>
            {
                if (!TryResource(request.TypeName, diagnostics, out var resource))
                {
                    return;
                }

                if (resource is not IResourceWithImportState importer)
                {
                    diagnostics.AddError("Resource Import Not Implemented", $"The resource type \"{request.TypeName}\" does not support import.");
                    return;
                }

                var identity = DecodeIdentity(resource, request.Identity);
                if (request.Identity?.IdentityData is not null && resource is not IResourceWithIdentity)
                {
                    diagnostics.AddError("Resource Identity Not Supported", $"The resource type \"{request.TypeName}\" cannot be imported by identity; import it by ID.");
                    return;
                }

                if (identity is { } given && !CheckImportIdentity((IResourceWithIdentity)resource, given, diagnostics))
                {
                    return;
                }

                var schema = resource.Schema;
                var empty = ValueAccess.EmptyObject(schema.Type);
                var imported = new ImportStateResponse { State = empty, Identity = identity };
                await importer.ImportStateAsync(
                    new ImportStateRequest { Id = request.Id, Identity = identity }, imported, token)
                    .ConfigureAwait(false);
                diagnostics.AddRange(imported.Diagnostics);
                if (imported.Diagnostics.HasErrors)
                {
                    return;
                }

                if (imported.State.IsNull || imported.State.Equals(empty))
                {
                    diagnostics.AddError("Missing Resource Import State", $"Importing \"{request.Id}\" produced no state. This is a bug in the provider.");
                    return;
                }

                var importedIdentity = FinishIdentity(resource, "Import", imported.Identity, null, diagnostics);
                if (diagnostics.HasErrors)
                {
                    return;
                }

                response.ImportedResources.Add(new Proto.ImportResourceState.Types.ImportedResource
                {
                    TypeName = request.TypeName,
                    State = DynamicValues.Encode(WriteOnly.Nullify(schema, UnknownAsNull(imported.State)), schema.Type),
                    Private = Bytes(imported.Private),
                    Identity = importedIdentity,
                });
            });

    public Task<Proto.ReadDataSource.Types.Response> ReadDataSource(Proto.ReadDataSource.Types.Request request, CancellationToken cancellationToken) =>
        Handle<Proto.ReadDataSource.Types.Response>(nameof(ReadDataSource), cancellationToken, r => r.Diagnostics,
            async (response, diagnostics, token) =>
            {
                if (!TryDataSource(request.TypeName, diagnostics, out var dataSource))
                {
                    return;
                }

                var type = dataSource.Schema.Type;
                var config = DynamicValues.Decode(request.Config, type);
                var read = new DataSourceReadResponse { State = config };
                await dataSource.ReadAsync(new DataSourceReadRequest { Config = config }, read, token)
                    .ConfigureAwait(false);
                diagnostics.AddRange(read.Diagnostics);
                if (!read.State.Type.Equals(type))
                {
                    throw new InvalidOperationException($"Read of data source {dataSource.TypeName} returned a state of the wrong type.");
                }

                if (!read.State.IsWhollyKnown && !diagnostics.HasErrors)
                {
                    diagnostics.AddError(
                        "Provider produced invalid state",
                        $"Read of data source {dataSource.TypeName} left unknown values. This is a bug in the provider.");
                }

                response.State = DynamicValues.Encode(UnknownAsNull(read.State), type);
            });
}
