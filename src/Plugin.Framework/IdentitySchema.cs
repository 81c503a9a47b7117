using PodIdentity.Plugin.Values;

namespace PodIdentity.Plugin.Framework;

/// <summary>
/// The identity of a managed resource type (tfplugin6.9): a small, flat object that names one remote object for
/// import blocks and <c>terraform query</c>. Versioned separately from the resource schema.
/// </summary>
public sealed class IdentitySchema
{
    private ObjectType? _type;

    /// <summary>Bump when the identity shape changes; drives UpgradeResourceIdentity.</summary>
    public long Version { get; init; }

    public required IReadOnlyList<IdentityAttribute> Attributes { get; init; }

    /// <summary>The object type of identity values (every attribute present, null where unset).</summary>
    public ObjectType Type => _type ??= CtyType.Object(Attributes.ToDictionary(a => a.Name, a => a.Type, StringComparer.Ordinal));

    /// <summary>Throws when the identity schema is malformed (a programming error, found once at start-up).</summary>
    public void Check(string owner)
    {
        if (Attributes.Count == 0)
        {
            throw new InvalidOperationException($"{owner}: an identity schema needs at least one attribute.");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var a in Attributes)
        {
            if (string.IsNullOrEmpty(a.Name) || !names.Add(a.Name))
            {
                throw new InvalidOperationException($"{owner}: identity attribute names must be unique and non-empty (\"{a.Name}\").");
            }

            // Identities are compared and shown as plain values: primitives and lists of them, as the protocol allows.
            if (a.Type is not (PrimitiveType or ListType))
            {
                throw new InvalidOperationException($"{owner}: identity attribute \"{a.Name}\" must be a primitive or a list.");
            }

            if (string.IsNullOrWhiteSpace(a.Description))
            {
                throw new InvalidOperationException($"{owner}: identity attribute \"{a.Name}\" needs a description (it is documented).");
            }
        }
    }
}

/// <summary>One identity attribute: needed in an import block's <c>identity</c> (RequiredForImport) or not.</summary>
public sealed class IdentityAttribute
{
    public required string Name { get; init; }

    public required CtyType Type { get; init; }

    /// <summary>True: the user must give it when importing by identity. False: optional for import (the provider
    /// fills a default, such as the provider's region).</summary>
    public bool RequiredForImport { get; init; }

    public required string Description { get; init; }

    public static IdentityAttribute Required(string name, string description) =>
        new() { Name = name, Type = CtyType.String, RequiredForImport = true, Description = description };

    public static IdentityAttribute Optional(string name, string description) =>
        new() { Name = name, Type = CtyType.String, RequiredForImport = false, Description = description };
}
