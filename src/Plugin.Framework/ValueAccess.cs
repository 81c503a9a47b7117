using PodIdentity.Plugin.Values;

namespace PodIdentity.Plugin.Framework;

/// <summary>
/// Typed reads and writes of top-level attributes of an object value, for provider code. Reads return null when
/// the attribute is null or unknown (check <see cref="IsUnknown"/> when the difference matters). Writes of a C#
/// null store a typed cty null.
/// </summary>
public static class ValueAccess
{
    /// <summary>An object of <paramref name="type"/> with every attribute null (not a null object).</summary>
    public static CtyValue EmptyObject(ObjectType type) =>
        CtyValue.Object(type, type.AttributeTypes.ToDictionary(a => a.Key, a => CtyValue.Null(a.Value), StringComparer.Ordinal));

    public static bool IsUnknown(this CtyValue obj, string name) => !obj.GetAttribute(name).IsKnown;

    public static string? GetString(this CtyValue obj, string name) =>
        Usable(obj, name) is { } v ? v.AsString() : null;

    public static bool? GetBool(this CtyValue obj, string name) =>
        Usable(obj, name) is { } v ? v.AsBool() : null;

    /// <summary>The number as a long; throws when it is not a whole number in range.</summary>
    public static long? GetInt64(this CtyValue obj, string name)
    {
        if (Usable(obj, name) is not { } v)
        {
            return null;
        }

        return v.AsNumber().TryGetInt64(out var n)
            ? n
            : throw new InvalidOperationException($"Attribute \"{name}\" is not a whole number within 64 bits.");
    }

    /// <summary>A map of strings; unknown or null entries are left out.</summary>
    public static IReadOnlyDictionary<string, string>? GetStringMap(this CtyValue obj, string name)
    {
        if (Usable(obj, name) is not { } v)
        {
            return null;
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, element) in v.MapEntries)
        {
            if (element.IsKnown && !element.IsNull)
            {
                result[key] = element.AsString();
            }
        }

        return result;
    }

    /// <summary>A list or set of strings; unknown or null elements are left out.</summary>
    public static IReadOnlyList<string>? GetStringList(this CtyValue obj, string name)
    {
        if (Usable(obj, name) is not { } v)
        {
            return null;
        }

        return v.Elements.Where(e => e.IsKnown && !e.IsNull).Select(e => e.AsString()).ToList();
    }

    public static CtyValue WithString(this CtyValue obj, string name, string? value) =>
        obj.WithAttribute(name, value is null ? NullOf(obj, name) : CtyValue.String(value));

    public static CtyValue WithBool(this CtyValue obj, string name, bool? value) =>
        obj.WithAttribute(name, value is { } b ? CtyValue.Bool(b) : NullOf(obj, name));

    public static CtyValue WithNull(this CtyValue obj, string name) => obj.WithAttribute(name, NullOf(obj, name));

    public static CtyValue WithUnknown(this CtyValue obj, string name) =>
        obj.WithAttribute(name, CtyValue.Unknown(AttributeType(obj, name)));

    private static CtyValue? Usable(CtyValue obj, string name)
    {
        if (obj.IsNull || !obj.IsKnown)
        {
            return null;
        }

        var v = obj.GetAttribute(name);
        return v.IsNull || !v.IsKnown ? null : v;
    }

    private static CtyType AttributeType(CtyValue obj, string name) =>
        obj.Type is ObjectType t && t.AttributeTypes.TryGetValue(name, out var at)
            ? at
            : throw new KeyNotFoundException($"The object has no attribute \"{name}\".");

    private static CtyValue NullOf(CtyValue obj, string name) => CtyValue.Null(AttributeType(obj, name));
}
