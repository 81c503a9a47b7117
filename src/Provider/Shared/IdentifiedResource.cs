using PodIdentity.Plugin.Framework;
using PodIdentity.Plugin.Values;

namespace PodIdentity.Provider.Shared;

/// <summary>
/// A resource type with an identity (both of ours): every create, read, update and import answers the identity
/// built from the state it leaves, so it is there whether or not the client sent one (Terraform before 1.12, OpenTofu
/// builds that dropped it) and stays the same across updates. Import by identity (an import block with
/// <c>identity = {...}</c>) becomes the same state an import by ID produces. The resource writes the
/// <c>*ObjectAsync</c> parts; the framework's interfaces find the public methods here.
/// </summary>
internal abstract class IdentifiedResource(string typeName, Schema schema, ResourceIdentity identity)
    : ConfiguredByProvider, IResourceWithIdentity, IResourceWithImportState, IResourceWithModifyPlan, IResourceWithConfigure
{
    public string TypeName => typeName;

    public Schema Schema => schema;

    public IdentitySchema IdentitySchema => identity.Schema;

    /// <summary>What Read needs to find the object named by the key values (in the identity's order).</summary>
    protected CtyValue ImportedState(CtyValue empty, string region, params string[] keys) => identity.ImportedState(empty, region, keys);

    public async Task CreateAsync(CreateRequest request, CreateResponse response, CancellationToken cancellationToken)
    {
        await CreateObjectAsync(request, response, cancellationToken).ConfigureAwait(false);
        response.Identity = identity.FromState(response.State, Context);
    }

    public async Task ReadAsync(ReadRequest request, ReadResponse response, CancellationToken cancellationToken)
    {
        await ReadObjectAsync(request, response, cancellationToken).ConfigureAwait(false);
        response.Identity = identity.FromState(response.State, Context) ?? response.Identity;
    }

    public async Task UpdateAsync(UpdateRequest request, UpdateResponse response, CancellationToken cancellationToken)
    {
        await UpdateObjectAsync(request, response, cancellationToken).ConfigureAwait(false);
        response.Identity = identity.FromState(response.State, Context) ?? response.Identity;
    }

    public async Task ImportStateAsync(ImportStateRequest request, ImportStateResponse response, CancellationToken cancellationToken)
    {
        if (request.Identity is { } given)
        {
            if (identity.ForImport(given, Context, response.Diagnostics) is not { } target)
            {
                return;
            }

            // Read runs next and fills in everything else.
            response.State = identity.ImportedState(response.State, target.Region, target.Keys);
        }
        else
        {
            await ImportObjectAsync(request, response, cancellationToken).ConfigureAwait(false);
        }

        response.Identity = identity.FromState(response.State, Context);
    }

    public abstract Task DeleteAsync(DeleteRequest request, DeleteResponse response, CancellationToken cancellationToken);

    /// <summary>The resource's plan logic; it starts with <see cref="RegionAndTagsPlan"/>.</summary>
    public abstract Task ModifyPlanAsync(ModifyPlanRequest request, ModifyPlanResponse response, CancellationToken cancellationToken);

    protected abstract Task CreateObjectAsync(CreateRequest request, CreateResponse response, CancellationToken cancellationToken);

    protected abstract Task ReadObjectAsync(ReadRequest request, ReadResponse response, CancellationToken cancellationToken);

    protected abstract Task UpdateObjectAsync(UpdateRequest request, UpdateResponse response, CancellationToken cancellationToken);

    /// <summary>Import by the string ID.</summary>
    protected abstract Task ImportObjectAsync(ImportStateRequest request, ImportStateResponse response, CancellationToken cancellationToken);

    /// <summary>
    /// One object a list resource found, by its key values. With the object asked for, this resource's own Read fills it
    /// in (one Describe, the same mapping as a refresh); null when the object went away between the list and the read.
    /// </summary>
    internal async Task<ListResult?> ListedAsync(
        string region, IReadOnlyList<string> keys, string displayName, bool includeObject, CancellationToken cancellationToken)
    {
        var imported = identity.ImportedState(ValueAccess.EmptyObject(schema.Type), region, keys);
        if (!includeObject)
        {
            return new ListResult { DisplayName = displayName, Identity = identity.FromState(imported, Context) };
        }

        var read = new ReadResponse { State = imported };
        await ReadAsync(new ReadRequest { State = imported }, read, cancellationToken).ConfigureAwait(false);
        if (read.State.IsNull)
        {
            return null;
        }

        var result = new ListResult { DisplayName = displayName, Identity = read.Identity, ResourceObject = read.State };
        result.Diagnostics.AddRange(read.Diagnostics);
        return result;
    }
}
