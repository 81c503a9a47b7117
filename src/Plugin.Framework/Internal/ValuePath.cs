using PodIdentity.Plugin.Values;

namespace PodIdentity.Plugin.Framework.Internal;

/// <summary>Looks up the value at an attribute path.</summary>
internal static class ValuePath
{
    /// <summary>The value at <paramref name="path"/>, or null when the path does not lead anywhere.</summary>
    public static CtyValue? Get(CtyValue root, AttributePath path)
    {
        CtyValue? current = root;
        foreach (var step in path.Steps)
        {
            if (current is null || current.IsNull || !current.IsKnown)
            {
                return null;
            }

            current = (step, current.Type) switch
            {
                (AttributeNameStep a, ObjectType o) when o.HasAttribute(a.Name) => current.GetAttribute(a.Name),
                (ElementKeyIntStep i, ListType or TupleType) when i.Index >= 0 && i.Index < current.Count => current.Elements[(int)i.Index],
                (ElementKeyStringStep k, MapType) when current.TryGetMapValue(k.Key, out var v) => v,
                _ => null,
            };
        }

        return current;
    }
}
