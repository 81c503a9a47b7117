using PodIdentity.Plugin.Values;

namespace PodIdentity.Plugin.Framework.Internal;

/// <summary>Builds the cty types a schema implies.</summary>
internal static class SchemaTypes
{
    public static ObjectType ObjectOf(IReadOnlyList<SchemaAttribute> attributes, IReadOnlyList<SchemaBlock> blocks)
    {
        var types = new Dictionary<string, CtyType>(StringComparer.Ordinal);
        foreach (var a in attributes)
        {
            types[a.Name] = a.ValueType;
        }

        foreach (var b in blocks)
        {
            types[b.Name] = b.ImpliedType;
        }

        return CtyType.Object(types);
    }

    public static CtyType Wrap(NestingMode nesting, ObjectType element) => nesting switch
    {
        NestingMode.Single => element,
        NestingMode.List => CtyType.List(element),
        NestingMode.Set => CtyType.Set(element),
        NestingMode.Map => CtyType.Map(element),
        _ => throw new ArgumentOutOfRangeException(nameof(nesting)),
    };

    public static void CheckNames(IReadOnlyList<SchemaAttribute> attributes, IReadOnlyList<SchemaBlock> blocks, string where)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in attributes.Select(a => a.Name).Concat(blocks.Select(b => b.Name)))
        {
            if (!seen.Add(name))
            {
                throw new InvalidOperationException($"\"{where}{name}\" is defined twice.");
            }
        }
    }
}
