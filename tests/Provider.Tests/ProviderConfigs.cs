using PodIdentity.Plugin.Values;
using PodIdentity.TestSupport;

namespace PodIdentity.Provider.Tests;

/// <summary>Provider configuration values of the real provider schema, from (name, value) pairs (TestSupport's TestValues).</summary>
internal static class ProviderConfigs
{
    public static ObjectType Type => ProviderSchema.Instance.Type;

    /// <summary>Every attribute and block null except the given ones (a block: its one element, see <see cref="Block"/>).</summary>
    public static CtyValue Config(params (string Name, object? Value)[] set) => TestValues.Object(Type, set);

    /// <summary>The element of list block <paramref name="block"/> with the given attributes set.</summary>
    public static CtyValue Block(string block, params (string Name, object? Value)[] set) =>
        TestValues.Object((ObjectType)((ListType)Type.AttributeTypes[block]).ElementType, set);
}
