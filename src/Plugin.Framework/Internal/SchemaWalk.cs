using PodIdentity.Plugin.Values;

namespace PodIdentity.Plugin.Framework.Internal;

/// <summary>What a walk hands to its visitor for one attribute: the attribute's value in config, prior state and plan.</summary>
internal readonly record struct AttributeVisit(
    SchemaAttribute Attribute, AttributePath Path, CtyValue Config, CtyValue Prior, CtyValue Plan);

/// <summary>
/// Walks every attribute of a schema, depth first, pairing the config, prior-state and plan values found at the same
/// path, and rebuilds the plan from what the visitor returns. Nested objects are paired by position for lists, by
/// key for maps, directly for single nesting. Set elements have no stable identity to pair by, so planning does not
/// enter sets (their attributes keep the proposed values); a single-value visit (validation) does, reporting
/// paths at the set itself because tfplugin6 paths cannot name a set element.
/// </summary>
internal static class SchemaWalk
{
    public static CtyValue Walk(
        IReadOnlyList<SchemaAttribute> attributes,
        IReadOnlyList<SchemaBlock> blocks,
        AttributePath path,
        CtyValue config,
        CtyValue prior,
        CtyValue plan,
        Func<AttributeVisit, CtyValue> visit,
        bool enterSets = false)
    {
        if (plan.IsNull || !plan.IsKnown)
        {
            return plan;
        }

        var result = plan;
        foreach (var a in attributes)
        {
            var p = path.Attribute(a.Name);
            var type = a.ValueType;
            var before = plan.GetAttribute(a.Name);
            var after = visit(new AttributeVisit(a, p, Child(config, a.Name, type), Child(prior, a.Name, type), before));
            if (a.NestedType is { } nested)
            {
                after = Nested(nested.Nesting, nested.ObjectType, nested.Attributes, [], p,
                    Child(config, a.Name, type), Child(prior, a.Name, type), after, visit, enterSets);
            }

            if (!ReferenceEquals(after, before) && !after.Equals(before))
            {
                result = result.WithAttribute(a.Name, after);
            }
        }

        foreach (var b in blocks)
        {
            var p = path.Attribute(b.Name);
            var type = b.ImpliedType;
            var before = plan.GetAttribute(b.Name);
            var after = Nested(b.Nesting, b.ObjectType, b.Attributes, b.Blocks, p,
                Child(config, b.Name, type), Child(prior, b.Name, type), before, visit, enterSets);
            if (!ReferenceEquals(after, before) && !after.Equals(before))
            {
                result = result.WithAttribute(b.Name, after);
            }
        }

        return result;
    }

    /// <summary>Calls <paramref name="visit"/> for every attribute reachable in a single value (config validation).</summary>
    public static void Visit(
        IReadOnlyList<SchemaAttribute> attributes,
        IReadOnlyList<SchemaBlock> blocks,
        CtyValue value,
        Action<AttributeVisit> visit) =>
        Walk(
            attributes,
            blocks,
            AttributePath.Root,
            value,
            value,
            value,
            v =>
            {
                visit(v);
                return v.Plan;
            },
            enterSets: true);

    private static CtyValue Nested(
        NestingMode nesting,
        ObjectType elementType,
        IReadOnlyList<SchemaAttribute> attributes,
        IReadOnlyList<SchemaBlock> blocks,
        AttributePath path,
        CtyValue config,
        CtyValue prior,
        CtyValue plan,
        Func<AttributeVisit, CtyValue> visit,
        bool enterSets)
    {
        if (plan.IsNull || !plan.IsKnown)
        {
            return plan;
        }

        switch (nesting)
        {
            case NestingMode.Single:
                return Walk(attributes, blocks, path, config, prior, plan, visit, enterSets);
            case NestingMode.List:
                var elements = plan.Elements;
                var changed = false;
                var list = new CtyValue[elements.Count];
                for (var i = 0; i < list.Length; i++)
                {
                    list[i] = Walk(attributes, blocks, path.Index(i), Element(config, i, elementType), Element(prior, i, elementType), elements[i], visit, enterSets);
                    changed |= !ReferenceEquals(list[i], elements[i]);
                }

                return changed ? CtyValue.List(elementType, list) : plan;
            case NestingMode.Map:
                var entries = plan.MapEntries;
                var mapChanged = false;
                var map = new KeyValuePair<string, CtyValue>[entries.Count];
                for (var i = 0; i < map.Length; i++)
                {
                    var (key, element) = entries[i];
                    var walked = Walk(attributes, blocks, path.Key(key), Entry(config, key, elementType), Entry(prior, key, elementType), element, visit, enterSets);
                    map[i] = KeyValuePair.Create(key, walked);
                    mapChanged |= !ReferenceEquals(walked, element);
                }

                return mapChanged ? CtyValue.Map(elementType, map) : plan;
            case NestingMode.Set when enterSets:
                foreach (var element in plan.Elements)
                {
                    Walk(attributes, blocks, path, element, element, element, visit, enterSets);
                }

                return plan;
            default:
                return plan;
        }
    }

    /// <summary>The attribute of an object; null or unknown of the attribute's type when the object is.</summary>
    public static CtyValue Child(CtyValue obj, string name, CtyType type)
    {
        if (!obj.IsKnown)
        {
            return CtyValue.Unknown(type);
        }

        return obj.IsNull ? CtyValue.Null(type) : obj.GetAttribute(name);
    }

    private static CtyValue Element(CtyValue list, int index, CtyType type)
    {
        if (!list.IsKnown)
        {
            return CtyValue.Unknown(type);
        }

        return list.IsNull || index >= list.Count ? CtyValue.Null(type) : list.Elements[index];
    }

    private static CtyValue Entry(CtyValue map, string key, CtyType type)
    {
        if (!map.IsKnown)
        {
            return CtyValue.Unknown(type);
        }

        return !map.IsNull && map.TryGetMapValue(key, out var v) ? v : CtyValue.Null(type);
    }
}
