namespace PodIdentity.Plugin.Values;

// Values never carry optional-attribute markers: those only constrain; the value type drops them.
public abstract partial class CtyType
{
    private CtyType? _valueType;
    private byte[]? _jsonUtf8;

    internal CtyType ValueType => _valueType ??= ComputeValueType();

    // Nulls and unknowns are immutable and very common in plans: one of each per type.
    internal CtyValue? CachedNull { get; set; }

    internal CtyValue? CachedUnknown { get; set; }

    internal byte[] JsonUtf8 => _jsonUtf8 ??= System.Text.Encoding.UTF8.GetBytes(ToJson());

    private CtyType ComputeValueType()
    {
        switch (this)
        {
            case ListType l when !ReferenceEquals(l.ElementType.ValueType, l.ElementType):
                return List(l.ElementType.ValueType);
            case SetType s when !ReferenceEquals(s.ElementType.ValueType, s.ElementType):
                return Set(s.ElementType.ValueType);
            case MapType m when !ReferenceEquals(m.ElementType.ValueType, m.ElementType):
                return Map(m.ElementType.ValueType);
            case TupleType t when t.ElementTypes.Any(e => !ReferenceEquals(e.ValueType, e)):
                return Tuple(t.ElementTypes.Select(e => e.ValueType).ToArray());
            case ObjectType o when o.OptionalAttributes.Count > 0 || o.AttributeTypes.Values.Any(e => !ReferenceEquals(e.ValueType, e)):
                return Object(o.AttributeTypes.ToDictionary(a => a.Key, a => a.Value.ValueType, StringComparer.Ordinal));
            default:
                return this;
        }
    }
}
