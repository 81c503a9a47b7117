using PodIdentity.Plugin.Values;

namespace PodIdentity.Plugin.Framework;

/// <summary>
/// One attribute of a schema. Exactly one of <see cref="Type"/> and <see cref="NestedType"/> is set, and at least
/// one of Required/Optional/Computed (Required excludes the other two).
/// </summary>
public sealed class SchemaAttribute
{
    public required string Name { get; init; }

    /// <summary>The value type; null when <see cref="NestedType"/> describes the attribute instead.</summary>
    public CtyType? Type { get; init; }

    /// <summary>Nested attributes (protocol 6): an object, or a list/set/map of objects.</summary>
    public NestedAttributes? NestedType { get; init; }

    public string Description { get; init; } = "";

    public bool Required { get; init; }

    public bool Optional { get; init; }

    public bool Computed { get; init; }

    public bool Sensitive { get; init; }

    /// <summary>Set from configuration only; never planned or stored (always null in plan and state).</summary>
    public bool WriteOnly { get; init; }

    public bool Deprecated { get; init; }

    /// <summary>Used when the configuration leaves an Optional+Computed attribute null.</summary>
    public AttributeDefault? Default { get; init; }

    /// <summary>Run in order during PlanResourceChange.</summary>
    public IReadOnlyList<IPlanModifier> PlanModifiers { get; init; } = [];

    /// <summary>Run during Validate*Config on known, non-null values.</summary>
    public IReadOnlyList<IValueValidator> Validators { get; init; } = [];

    /// <summary>The cty type of this attribute's values.</summary>
    public CtyType ValueType => Type ?? NestedType?.ImpliedType
        ?? throw new InvalidOperationException($"Attribute \"{Name}\" has neither Type nor NestedType.");

    internal void Check(string where)
    {
        var at = $"{where}{Name}";
        if (string.IsNullOrEmpty(Name))
        {
            throw new InvalidOperationException($"An attribute in {where} has no name.");
        }

        if ((Type is null) == (NestedType is null))
        {
            throw new InvalidOperationException($"Attribute \"{at}\" must set exactly one of Type and NestedType.");
        }

        if (!Required && !Optional && !Computed)
        {
            throw new InvalidOperationException($"Attribute \"{at}\" must be Required, Optional or Computed.");
        }

        if (Required && (Optional || Computed))
        {
            throw new InvalidOperationException($"Attribute \"{at}\" cannot be Required and Optional/Computed.");
        }

        if (Default is not null && !(Optional && Computed))
        {
            throw new InvalidOperationException($"Attribute \"{at}\" has a default, so it must be Optional and Computed.");
        }

        if (Default is not null && !Default.Value.Type.Equals(ValueType))
        {
            throw new InvalidOperationException($"The default of \"{at}\" is a {Default.Value.Type.FriendlyName}, not a {ValueType.FriendlyName}.");
        }

        if (WriteOnly && Computed)
        {
            throw new InvalidOperationException($"Write-only attribute \"{at}\" cannot be Computed.");
        }

        NestedType?.Check(at + ".");
    }
}
