namespace PodIdentity.Plugin.Values;

/// <summary>cty's DynamicPseudoType: a placeholder for "any type", resolved per value.</summary>
public sealed class DynamicType : CtyType
{
    internal static readonly DynamicType Instance = new();

    private DynamicType()
    {
    }

    public override bool HasDynamic => true;

    public override string FriendlyName => "dynamic";

    public override bool Equals(CtyType? other) => ReferenceEquals(this, other);

    public override int GetHashCode() => 7;
}
