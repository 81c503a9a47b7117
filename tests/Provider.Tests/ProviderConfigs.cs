using PodIdentity.Plugin.Values;

namespace PodIdentity.Provider.Tests;

/// <summary>Builds provider configuration values of the real provider schema for tests.</summary>
internal static class ProviderConfigs
{
    public static ObjectType Type => ProviderSchema.Instance.Type;

    /// <summary>Every attribute and block null except the given ones (blocks: pass the element object or a list).</summary>
    public static CtyValue Config(params (string Name, CtyValue Value)[] set)
    {
        var values = Type.AttributeTypes.ToDictionary(a => a.Key, a => CtyValue.Null(a.Value), StringComparer.Ordinal);
        foreach (var (name, value) in set)
        {
            var type = Type.AttributeTypes[name];
            values[name] = type is ListType list && value.Type is ObjectType
                ? CtyValue.List(list.ElementType, [value])
                : value;
        }

        return CtyValue.Object(Type, values);
    }

    /// <summary>One element of list block <paramref name="block"/> with the given attributes set.</summary>
    public static CtyValue Block(string block, params (string Name, CtyValue Value)[] set)
    {
        var type = (ObjectType)((ListType)Type.AttributeTypes[block]).ElementType;
        var values = type.AttributeTypes.ToDictionary(a => a.Key, a => CtyValue.Null(a.Value), StringComparer.Ordinal);
        foreach (var (name, value) in set)
        {
            values[name] = value;
        }

        return CtyValue.Object(type, values);
    }

    public static CtyValue S(string s) => CtyValue.String(s);

    public static CtyValue UnknownString => CtyValue.Unknown(CtyType.String);

    public static CtyValue StrSet(params string[] items) => CtyValue.Set(CtyType.String, items.Select(CtyValue.String));

    public static CtyValue StrList(params string[] items) => CtyValue.List(CtyType.String, items.Select(CtyValue.String));

    public static CtyValue StrMap(params (string Key, string Value)[] items) =>
        CtyValue.Map(CtyType.String, items.Select(i => KeyValuePair.Create(i.Key, CtyValue.String(i.Value))));
}
