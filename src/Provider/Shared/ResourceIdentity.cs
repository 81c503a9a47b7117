using PodIdentity.Plugin.Framework;
using PodIdentity.Plugin.Values;

namespace PodIdentity.Provider.Shared;

/// <summary>
/// The identity of an EKS resource type, as hashicorp/aws v6 names it so identities carry over: <c>account_id</c>
/// and <c>region</c> (optional for import, defaulting to the provider's) plus the resource's key attributes
/// (required). The one place identities are built: always from the state, so every create, read, update and import
/// answers the same identity for the same object whatever the client sent.
/// </summary>
internal sealed class ResourceIdentity
{
    public const string AccountId = "account_id";
    public const string Region = RegionAndTagsPlan.Region;

    private const string Id = "id";

    private readonly string[] _keys;
    private readonly Func<IReadOnlyList<string>, string> _idOf;

    /// <param name="noun">What the resource is called in messages, e.g. "EKS add-on".</param>
    /// <param name="idOf">The resource's <c>id</c> from the key values, in the order of <paramref name="keys"/>.</param>
    /// <param name="keys">The key attributes: names shared with the resource schema, and their descriptions.</param>
    public ResourceIdentity(string noun, Func<IReadOnlyList<string>, string> idOf, params (string Name, string Description)[] keys)
    {
        Noun = noun;
        _idOf = idOf;
        _keys = keys.Select(k => k.Name).ToArray();
        Schema = new IdentitySchema
        {
            Attributes =
            [
                IdentityAttribute.Optional(AccountId, $"AWS account ID of the {noun}. Defaults to the account of the provider's credentials."),
                IdentityAttribute.Optional(Region, $"Region of the {noun}. Defaults to the provider's region."),
                .. keys.Select(k => IdentityAttribute.Required(k.Name, k.Description)),
            ],
        };
    }

    public string Noun { get; }

    public IdentitySchema Schema { get; }

    /// <summary>
    /// The identity of the object in <paramref name="state"/>; null when the state does not name one (a failed create,
    /// a removed object). The account is the provider's (a resource cannot be in another), the region the state's.
    /// </summary>
    public CtyValue? FromState(CtyValue state, AwsProviderContext context)
    {
        if (state.IsNull || !state.IsKnown)
        {
            return null;
        }

        var identity = ValueAccess.EmptyObject(Schema.Type)
            .WithString(AccountId, context.AccountId)
            .WithString(Region, context.RegionOf(state));
        foreach (var key in _keys)
        {
            if (state.GetString(key) is not { } value)
            {
                return null;
            }

            identity = identity.WithString(key, value);
        }

        return identity;
    }

    /// <summary>
    /// What an import block's <c>identity</c> names: the region (the provider's when not given) and the key values.
    /// Null, with an error on <c>account_id</c>, when the identity is of another account than the provider's
    /// credentials reach (that object cannot be read with them).
    /// </summary>
    public (string Region, IReadOnlyList<string> Keys)? ForImport(CtyValue identity, AwsProviderContext context, Diagnostics diagnostics)
    {
        if (identity.GetString(AccountId) is { } account && context.AccountId is { } mine && account != mine)
        {
            diagnostics.AddError(
                "Wrong account for import",
                $"The identity names account {account}, but this provider's credentials are for account {mine}. "
                + "Import it with a provider configured for that account.",
                AttributePath.Root.Attribute(AccountId));
            return null;
        }

        return (context.RegionOf(identity), _keys.Select(k => identity.GetString(k)!).ToArray());
    }

    /// <summary>
    /// The state Read needs to find the object, the same for an import by ID, an import by identity and a listed
    /// object: the key attributes (values in the order of the keys), id and region.
    /// </summary>
    public CtyValue ImportedState(CtyValue empty, string region, IReadOnlyList<string> keys)
    {
        var state = empty.WithString(Id, _idOf(keys)).WithString(Region, region);
        for (var i = 0; i < _keys.Length; i++)
        {
            state = state.WithString(_keys[i], keys[i]);
        }

        return state;
    }
}
