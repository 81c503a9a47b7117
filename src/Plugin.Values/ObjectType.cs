using System.Collections.ObjectModel;
using PodIdentity.Plugin.Values.Internal;

namespace PodIdentity.Plugin.Values;

/// <summary>
/// A set of named attributes, each with its own type. Attribute names are kept sorted bytewise (UTF-8 order),
/// the order the msgpack and JSON codecs write them in. Optional attributes only matter for type constraints;
/// a value of an object type always carries every attribute.
/// </summary>
public sealed class ObjectType : CtyType
{
    private readonly string[] _names;
    private readonly CtyType[] _types;
    private readonly Dictionary<string, int> _index;
    private readonly int _hash;

    internal ObjectType(IReadOnlyDictionary<string, CtyType> attributeTypes, IEnumerable<string>? optional)
    {
        ArgumentNullException.ThrowIfNull(attributeTypes);
        _names = attributeTypes.Keys.ToArray();
        Array.Sort(_names, Utf8Ordinal.Comparer);
        _types = new CtyType[_names.Length];
        var hash = new HashCode();
        hash.Add(23);
        for (var i = 0; i < _names.Length; i++)
        {
            var t = attributeTypes[_names[i]] ?? throw new ArgumentException($"Attribute \"{_names[i]}\" has no type.", nameof(attributeTypes));
            _types[i] = t;
            HasDynamic |= t.HasDynamic;
            hash.Add(_names[i]);
            hash.Add(t);
        }

        // Plain dictionaries: dynamic values build object types per decode, where frozen ones cost too much to create.
        _index = new Dictionary<string, int>(_names.Length, StringComparer.Ordinal);
        var byName = new Dictionary<string, CtyType>(_names.Length, StringComparer.Ordinal);
        for (var i = 0; i < _names.Length; i++)
        {
            _index[_names[i]] = i;
            byName[_names[i]] = _types[i];
        }

        AttributeTypes = new ReadOnlyDictionary<string, CtyType>(byName);

        var opt = optional is null ? [] : optional.Distinct(StringComparer.Ordinal).ToArray();
        foreach (var name in opt)
        {
            if (!_index.ContainsKey(name))
            {
                throw new ArgumentException($"Optional attribute \"{name}\" is not an attribute of the object type.", nameof(optional));
            }
        }

        Array.Sort(opt, Utf8Ordinal.Comparer);
        OptionalAttributes = new ReadOnlySet<string>(new HashSet<string>(opt, StringComparer.Ordinal));
        SortedOptionalAttributes = opt;
        foreach (var name in opt)
        {
            hash.Add(name);
        }

        _hash = hash.ToHashCode();
    }

    public IReadOnlyDictionary<string, CtyType> AttributeTypes { get; }

    public IReadOnlySet<string> OptionalAttributes { get; }

    /// <summary>Attribute names in bytewise (UTF-8) order.</summary>
    public IReadOnlyList<string> AttributeNames => _names;

    public override bool HasDynamic { get; }

    public override string FriendlyName => "object";

    internal IReadOnlyList<string> SortedOptionalAttributes { get; }

    internal int Count => _names.Length;

    internal ReadOnlySpan<string> NameSpan => _names;

    internal ReadOnlySpan<CtyType> TypeSpan => _types;

    public bool HasAttribute(string name) => _index.ContainsKey(name);

    internal bool TryGetIndex(string name, out int index) => _index.TryGetValue(name, out index);

    /// <summary>Same attributes and types, no optional markers: the type of this object's values.</summary>
    public ObjectType WithoutOptionalAttributes() =>
        OptionalAttributes.Count == 0 ? this : new ObjectType(AttributeTypes, null);

    public override bool Equals(CtyType? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        return other is ObjectType o
            && o._hash == _hash
            && _names.AsSpan().SequenceEqual(o._names)
            && _types.AsSpan().SequenceEqual(o._types)
            && OptionalAttributes.SetEquals(o.OptionalAttributes);
    }

    public override int GetHashCode() => _hash;
}
