namespace PodIdentity.Plugin.Values.Internal;

/// <summary>
/// Whether a value of one type may stand where another is expected: equal types, or the expected type has
/// DynamicPseudoType in the places where they differ. Optional-attribute markers are ignored.
/// </summary>
internal static class TypeConformance
{
    public static bool Conforms(CtyType actual, CtyType expected)
    {
        if (ReferenceEquals(actual, expected) || expected.IsDynamic)
        {
            return true;
        }

        return expected switch
        {
            PrimitiveType => false, // primitives are singletons: reference equality was the only way
            CollectionType c => actual is CollectionType a && a.GetType() == c.GetType() && Conforms(a.ElementType, c.ElementType),
            TupleType t => actual is TupleType at && AllConform(at.ElementTypeSpan, t.ElementTypeSpan),
            ObjectType o => actual is ObjectType ao && ao.NameSpan.SequenceEqual(o.NameSpan) && AllConform(ao.TypeSpan, o.TypeSpan),
            _ => false,
        };
    }

    private static bool AllConform(ReadOnlySpan<CtyType> actual, ReadOnlySpan<CtyType> expected)
    {
        if (actual.Length != expected.Length)
        {
            return false;
        }

        for (var i = 0; i < actual.Length; i++)
        {
            if (!Conforms(actual[i], expected[i]))
            {
                return false;
            }
        }

        return true;
    }
}
