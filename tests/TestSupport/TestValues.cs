using System.Collections;
using PodIdentity.Plugin.Values;

namespace PodIdentity.TestSupport;

/// <summary>
/// Builds CtyValues of a schema's types from plain C# values: an object with every attribute null except the
/// (name, value) pairs given. A value converts to the attribute's type: null, <see cref="Unknown"/>, string, bool,
/// int/long/double, a CtyValue (as is), string lists and maps, lists of values, and nested (name, value) pairs for
/// objects. A single object given for a list or set of objects (a block) becomes its one element.
/// </summary>
public static class TestValues
{
    /// <summary>Stands for an unknown value of the attribute's type.</summary>
    public static object Unknown { get; } = new UnknownMarker();

    public static CtyValue Object(ObjectType type, params (string Name, object? Value)[] set) => Build(type, set);

    /// <summary>The same from pairs of one value type, e.g. a caller's own <c>params (string, CtyValue)[]</c>.</summary>
    public static CtyValue Object<T>(ObjectType type, IEnumerable<(string Name, T Value)> set) =>
        Build(type, set.Select(s => (s.Name, (object?)s.Value)));

    private static CtyValue Build(ObjectType type, IEnumerable<(string Name, object? Value)> set)
    {
        var attributes = type.AttributeTypes.ToDictionary(a => a.Key, a => CtyValue.Null(a.Value), StringComparer.Ordinal);
        foreach (var (name, value) in set)
        {
            if (!type.AttributeTypes.TryGetValue(name, out var attributeType))
            {
                throw new ArgumentException($"\"{name}\" is not an attribute of {type.FriendlyName}", nameof(set));
            }

            attributes[name] = Convert(attributeType, value, name);
        }

        return CtyValue.Object(type, attributes);
    }

    /// <summary>A plain C# value as a CtyValue of <paramref name="type"/>.</summary>
    public static CtyValue Convert(CtyType type, object? value) => Convert(type, value, "value");

    private static CtyValue Convert(CtyType type, object? value, string where) => value switch
    {
        null => CtyValue.Null(type),
        UnknownMarker => CtyValue.Unknown(type),
        CtyValue { Type: ObjectType } block when type is ListType or SetType && !Equals(type, block.Type) => Collection(type, [block], where),
        CtyValue c => c,
        string s => CtyValue.String(s),
        bool b => CtyValue.Bool(b),
        int i => CtyValue.Number(i),
        long l => CtyValue.Number(l),
        double d => CtyValue.Number(d),
        (string, object?)[] pairs => type switch
        {
            ObjectType o => Build(o, pairs),
            ListType or SetType => Collection(type, [pairs], where),
            _ => throw Unsupported(type, value, where),
        },
        IEnumerable<KeyValuePair<string, string>> map => Keyed(type, map.Select(kv => KeyValuePair.Create(kv.Key, (object?)kv.Value)), value, where),
        IEnumerable<KeyValuePair<string, object?>> map => Keyed(type, map, value, where),
        IEnumerable items => Collection(type, items.Cast<object?>(), where),
        _ => throw Unsupported(type, value, where),
    };

    private static CtyValue Keyed(CtyType type, IEnumerable<KeyValuePair<string, object?>> entries, object value, string where) => type switch
    {
        MapType map => CtyValue.Map(map.ElementType, entries.Select(kv => KeyValuePair.Create(kv.Key, Convert(map.ElementType, kv.Value, $"{where}[\"{kv.Key}\"]")))),
        ObjectType o => Build(o, entries.Select(kv => (kv.Key, kv.Value))),
        _ => throw Unsupported(type, value, where),
    };

    private static CtyValue Collection(CtyType type, IEnumerable<object?> items, string where) => type switch
    {
        ListType list => CtyValue.List(list.ElementType, items.Select((v, i) => Convert(list.ElementType, v, $"{where}[{i}]"))),
        SetType set => CtyValue.Set(set.ElementType, items.Select((v, i) => Convert(set.ElementType, v, $"{where}[{i}]"))),
        TupleType tuple => CtyValue.Tuple(tuple, items.Select((v, i) => Convert(tuple.ElementTypes[i], v, $"{where}[{i}]"))),
        _ => throw new ArgumentException($"{where}: a list given for {type.FriendlyName}"),
    };

    private static ArgumentException Unsupported(CtyType type, object value, string where) =>
        new($"{where}: cannot make {type.FriendlyName} from {value.GetType().Name}");

    private sealed class UnknownMarker
    {
        public override string ToString() => "(unknown)";
    }
}
