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
internal abstract class IdentifiedResource(ResourceIdentity identity) : ConfiguredByProvider
{
    public IdentitySchema IdentitySchema => identity.Schema;

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
            response.State = ImportedState(response.State, target.Region, target.Keys);
        }
        else
        {
            await ImportObjectAsync(request, response, cancellationToken).ConfigureAwait(false);
        }

        response.Identity = identity.FromState(response.State, Context);
    }

    protected abstract Task CreateObjectAsync(CreateRequest request, CreateResponse response, CancellationToken cancellationToken);

    protected abstract Task ReadObjectAsync(ReadRequest request, ReadResponse response, CancellationToken cancellationToken);

    protected abstract Task UpdateObjectAsync(UpdateRequest request, UpdateResponse response, CancellationToken cancellationToken);

    /// <summary>Import by the string ID.</summary>
    protected abstract Task ImportObjectAsync(ImportStateRequest request, ImportStateResponse response, CancellationToken cancellationToken);

    /// <summary>The state Read needs, from an identity's region and key attributes (as import by ID would set it).</summary>
    protected abstract CtyValue ImportedState(CtyValue empty, string region, IReadOnlyDictionary<string, string> keys);
}
