using PodIdentity.Plugin.Framework.Internal;
using PodIdentity.Plugin.Values;

namespace PodIdentity.Plugin.Framework;

/// <summary>
/// The schema of a provider, resource or data source: its top-level attributes and blocks. Types are computed once
/// and cached; treat a schema as immutable after construction.
/// </summary>
public sealed class Schema
{
    private ObjectType? _type;

    /// <summary>Bump when the stored state shape changes; drives UpgradeResourceState.</summary>
    public long Version { get; init; }

    public string Description { get; init; } = "";

    public bool Deprecated { get; init; }

    public IReadOnlyList<SchemaAttribute> Attributes { get; init; } = [];

    public IReadOnlyList<SchemaBlock> Blocks { get; init; } = [];

    /// <summary>The object type used to decode configuration, plan and state values.</summary>
    public ObjectType Type => _type ??= SchemaTypes.ObjectOf(Attributes, Blocks);

    public static Schema Empty { get; } = new();

    public SchemaAttribute? FindAttribute(string name)
    {
        foreach (var a in Attributes)
        {
            if (a.Name == name)
            {
                return a;
            }
        }

        return null;
    }

    /// <summary>Throws when the schema is malformed (a programming error, found once at start-up).</summary>
    public void Check(string owner)
    {
        SchemaTypes.CheckNames(Attributes, Blocks, owner + ": ");
        foreach (var a in Attributes)
        {
            a.Check(owner + ": ");
        }

        foreach (var b in Blocks)
        {
            b.Check(owner + ": ");
        }

        _ = Type;
    }
}
