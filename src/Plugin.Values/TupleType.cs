namespace PodIdentity.Plugin.Values;

/// <summary>A fixed-length sequence whose positions each have their own type.</summary>
public sealed class TupleType : CtyType
{
    private readonly CtyType[] _elementTypes;
    private readonly int _hash;

    internal TupleType(CtyType[] elementTypes)
    {
        ArgumentNullException.ThrowIfNull(elementTypes);
        _elementTypes = (CtyType[])elementTypes.Clone();
        var hash = new HashCode();
        hash.Add(19);
        foreach (var t in _elementTypes)
        {
            ArgumentNullException.ThrowIfNull(t, nameof(elementTypes));
            hash.Add(t);
            HasDynamic |= t.HasDynamic;
        }

        _hash = hash.ToHashCode();
    }

    public IReadOnlyList<CtyType> ElementTypes => _elementTypes;

    public override bool HasDynamic { get; }

    public override string FriendlyName => "tuple";

    internal ReadOnlySpan<CtyType> ElementTypeSpan => _elementTypes;

    public override bool Equals(CtyType? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        return other is TupleType t && t._hash == _hash && _elementTypes.AsSpan().SequenceEqual(t._elementTypes);
    }

    public override int GetHashCode() => _hash;
}
