using PodIdentity.Plugin.Framework.Internal;
using PodIdentity.Plugin.Values;

namespace PodIdentity.Plugin.Framework;

/// <summary>How a nested attribute or block repeats (blocks: Single, List, Set).</summary>
public enum NestingMode
{
    Single,
    List,
    Set,
    Map,
}

/// <summary>The object type of a nested attribute and how it repeats.</summary>
public sealed class NestedAttributes
{
    private CtyType? _impliedType;
    private ObjectType? _objectType;

    public required NestingMode Nesting { get; init; }

    public required IReadOnlyList<SchemaAttribute> Attributes { get; init; }

    /// <summary>The object type of one element.</summary>
    public ObjectType ObjectType => _objectType ??= SchemaTypes.ObjectOf(Attributes, []);

    internal CtyType ImpliedType => _impliedType ??= SchemaTypes.Wrap(Nesting, ObjectType);

    internal void Check(string where)
    {
        SchemaTypes.CheckNames(Attributes, [], where);
        foreach (var a in Attributes)
        {
            a.Check(where);
        }
    }
}
