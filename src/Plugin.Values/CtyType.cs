namespace PodIdentity.Plugin.Values;

/// <summary>A cty type. Types are immutable and compare structurally.</summary>
public abstract partial class CtyType : IEquatable<CtyType>
{
    private protected CtyType()
    {
    }

    public static CtyType String => PrimitiveType.StringType;

    public static CtyType Number => PrimitiveType.NumberType;

    public static CtyType Bool => PrimitiveType.BoolType;

    /// <summary>DynamicPseudoType: the value's real type travels with the value.</summary>
    public static CtyType Dynamic => DynamicType.Instance;

    public static ListType List(CtyType elementType) => new(elementType);

    public static SetType Set(CtyType elementType) => new(elementType);

    public static MapType Map(CtyType elementType) => new(elementType);

    public static TupleType Tuple(params CtyType[] elementTypes) => new(elementTypes);

    public static ObjectType Object(
        IReadOnlyDictionary<string, CtyType> attributeTypes, IEnumerable<string>? optional = null) =>
        new(attributeTypes, optional);

    public bool IsPrimitive => this is PrimitiveType;

    /// <summary>True for list, set and map.</summary>
    public bool IsCollection => this is CollectionType;

    public bool IsDynamic => this is DynamicType;

    /// <summary>True when DynamicPseudoType appears anywhere in this type.</summary>
    public abstract bool HasDynamic { get; }

    public abstract bool Equals(CtyType? other);

    public sealed override bool Equals(object? obj) => obj is CtyType other && Equals(other);

    public abstract override int GetHashCode();

    public static bool operator ==(CtyType? left, CtyType? right) =>
        left is null ? right is null : left.Equals(right);

    public static bool operator !=(CtyType? left, CtyType? right) => !(left == right);

    /// <summary>A short human-readable name such as <c>list of string</c>, for messages.</summary>
    public abstract string FriendlyName { get; }

    public override string ToString() => ToJson();
}
