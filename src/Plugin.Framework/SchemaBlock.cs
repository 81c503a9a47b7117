using PodIdentity.Plugin.Framework.Internal;
using PodIdentity.Plugin.Values;

namespace PodIdentity.Plugin.Framework;

/// <summary>A nested block (<c>name { ... }</c> in configuration). Map nesting is not offered for blocks.</summary>
public sealed class SchemaBlock
{
    private CtyType? _impliedType;
    private ObjectType? _objectType;

    public required string Name { get; init; }

    public required NestingMode Nesting { get; init; }

    public IReadOnlyList<SchemaAttribute> Attributes { get; init; } = [];

    public IReadOnlyList<SchemaBlock> Blocks { get; init; } = [];

    public string Description { get; init; } = "";

    public bool Deprecated { get; init; }

    /// <summary>0 means no minimum.</summary>
    public long MinItems { get; init; }

    /// <summary>0 means no maximum.</summary>
    public long MaxItems { get; init; }

    /// <summary>Run during Validate*Config on the block value (list, set or object) when known and not null.</summary>
    public IReadOnlyList<IValueValidator> Validators { get; init; } = [];

    /// <summary>The object type of one block.</summary>
    public ObjectType ObjectType => _objectType ??= SchemaTypes.ObjectOf(Attributes, Blocks);

    /// <summary>Single -> object, List -> list(object), Set -> set(object).</summary>
    internal CtyType ImpliedType => _impliedType ??= SchemaTypes.Wrap(Nesting, ObjectType);

    internal void Check(string where)
    {
        var at = where + Name;
        if (Nesting == NestingMode.Map)
        {
            throw new InvalidOperationException($"Block \"{at}\": map nesting is not supported for blocks.");
        }

        if (Nesting == NestingMode.Single && (MinItems > 1 || MaxItems > 1))
        {
            throw new InvalidOperationException($"Block \"{at}\": a single block cannot have more than one item.");
        }

        if (MaxItems != 0 && MinItems > MaxItems)
        {
            throw new InvalidOperationException($"Block \"{at}\": MinItems exceeds MaxItems.");
        }

        SchemaTypes.CheckNames(Attributes, Blocks, at + ".");
        foreach (var a in Attributes)
        {
            a.Check(at + ".");
        }

        foreach (var b in Blocks)
        {
            b.Check(at + ".");
        }
    }
}
