namespace PodIdentity.Plugin.Values;

public enum PrimitiveKind
{
    String,
    Number,
    Bool,
}

/// <summary>string, number or bool. One instance per kind.</summary>
public sealed class PrimitiveType : CtyType
{
    internal static readonly PrimitiveType StringType = new(PrimitiveKind.String);
    internal static readonly PrimitiveType NumberType = new(PrimitiveKind.Number);
    internal static readonly PrimitiveType BoolType = new(PrimitiveKind.Bool);

    private PrimitiveType(PrimitiveKind kind) => Kind = kind;

    public PrimitiveKind Kind { get; }

    public override bool HasDynamic => false;

    public override string FriendlyName => Kind switch
    {
        PrimitiveKind.String => "string",
        PrimitiveKind.Number => "number",
        _ => "bool",
    };

    public override bool Equals(CtyType? other) => ReferenceEquals(this, other);

    public override int GetHashCode() => (int)Kind + 1;
}
