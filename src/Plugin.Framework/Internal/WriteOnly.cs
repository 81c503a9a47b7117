using PodIdentity.Plugin.Values;

namespace PodIdentity.Plugin.Framework.Internal;

/// <summary>Write-only attributes are never planned or stored: they are always null outside configuration.</summary>
internal static class WriteOnly
{
    public static CtyValue Nullify(Schema schema, CtyValue value) =>
        !HasWriteOnly(schema.Attributes, schema.Blocks)
            ? value
            : SchemaWalk.Walk(schema.Attributes, schema.Blocks, AttributePath.Root, value, value, value, v =>
                v.Attribute.WriteOnly ? CtyValue.Null(v.Attribute.ValueType) : v.Plan);

    private static bool HasWriteOnly(IReadOnlyList<SchemaAttribute> attributes, IReadOnlyList<SchemaBlock> blocks) =>
        attributes.Any(a => a.WriteOnly || (a.NestedType is { } n && HasWriteOnly(n.Attributes, [])))
        || blocks.Any(b => HasWriteOnly(b.Attributes, b.Blocks));
}
