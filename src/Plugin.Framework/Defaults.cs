using PodIdentity.Plugin.Values;

namespace PodIdentity.Plugin.Framework;

/// <summary>A static default for an Optional+Computed attribute the configuration leaves null.</summary>
public sealed class AttributeDefault
{
    internal AttributeDefault(CtyValue value, string description)
    {
        Value = value;
        Description = description;
    }

    public CtyValue Value { get; }

    /// <summary>One line, for documentation.</summary>
    public string Description { get; }
}

/// <summary>Factories for <see cref="AttributeDefault"/>.</summary>
public static class Defaults
{
    public static AttributeDefault String(string value) =>
        new(CtyValue.String(value), $"Defaults to \"{value}\".");

    public static AttributeDefault Bool(bool value) =>
        new(CtyValue.Bool(value), value ? "Defaults to true." : "Defaults to false.");

    public static AttributeDefault Number(long value) =>
        new(CtyValue.Number(value), $"Defaults to {value}.");

    public static AttributeDefault Number(double value) =>
        new(CtyValue.Number(value), $"Defaults to {CtyValue.Number(value).AsNumber()}.");

    /// <summary>Any known value, e.g. an empty map; it must have the attribute's exact type.</summary>
    public static AttributeDefault Value(CtyValue value, string description)
    {
        if (!value.IsWhollyKnown)
        {
            throw new ArgumentException("A default must be wholly known.", nameof(value));
        }

        return new(value, description);
    }
}
