namespace PodIdentity.Plugin.Values;

/// <summary>Common shape of list, set and map: one element type.</summary>
public abstract class CollectionType : CtyType
{
    private readonly int _hash;

    private protected CollectionType(CtyType elementType, int kindSalt)
    {
        ArgumentNullException.ThrowIfNull(elementType);
        ElementType = elementType;
        _hash = HashCode.Combine(kindSalt, elementType);
    }

    public CtyType ElementType { get; }

    public override bool HasDynamic => ElementType.HasDynamic;

    public override bool Equals(CtyType? other) =>
        ReferenceEquals(this, other)
        || (other is CollectionType c && c.GetType() == GetType() && c._hash == _hash && c.ElementType.Equals(ElementType));

    public override int GetHashCode() => _hash;
}

public sealed class ListType : CollectionType
{
    internal ListType(CtyType elementType)
        : base(elementType, 11)
    {
    }

    public override string FriendlyName => "list of " + ElementType.FriendlyName;
}

public sealed class SetType : CollectionType
{
    internal SetType(CtyType elementType)
        : base(elementType, 13)
    {
    }

    public override string FriendlyName => "set of " + ElementType.FriendlyName;
}

public sealed class MapType : CollectionType
{
    internal MapType(CtyType elementType)
        : base(elementType, 17)
    {
    }

    public override string FriendlyName => "map of " + ElementType.FriendlyName;
}
