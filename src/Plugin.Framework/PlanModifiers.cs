using PodIdentity.Plugin.Values;

namespace PodIdentity.Plugin.Framework;

/// <summary>What an attribute plan modifier sees. Values are the attribute's own, at <see cref="Path"/>.</summary>
public sealed class PlanModifierRequest
{
    public required AttributePath Path { get; init; }

    public required CtyValue ConfigValue { get; init; }

    /// <summary>Null (typed) when the resource is being created.</summary>
    public required CtyValue StateValue { get; init; }

    public required CtyValue PlanValue { get; init; }

    /// <summary>True when there is no prior state: the resource is being created.</summary>
    public required bool IsCreate { get; init; }

    /// <summary>The whole resource configuration, for modifiers that look at other attributes.</summary>
    public required CtyValue Config { get; init; }
}

/// <summary>What an attribute plan modifier may change.</summary>
public sealed class PlanModifierResponse
{
    public required CtyValue PlanValue { get; set; }

    public bool RequiresReplace { get; set; }

    public Diagnostics Diagnostics { get; } = new();
}

/// <summary>A single-purpose change to an attribute's planned value, run during PlanResourceChange.</summary>
public interface IPlanModifier
{
    /// <summary>One line, for documentation.</summary>
    string Description { get; }

    void Modify(PlanModifierRequest request, PlanModifierResponse response);
}

/// <summary>Factories for the standard plan modifiers.</summary>
public static class PlanModifiers
{
    /// <summary>Any change to the attribute replaces the resource.</summary>
    public static IPlanModifier RequiresReplace() =>
        RequiresReplaceIf(static _ => true, "If the value of this attribute changes, Terraform will destroy and recreate the resource.");

    /// <summary>A change replaces the resource when <paramref name="predicate"/> says so.</summary>
    public static IPlanModifier RequiresReplaceIf(Func<PlanModifierRequest, bool> predicate, string description)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        ArgumentException.ThrowIfNullOrEmpty(description);
        return new RequiresReplaceIfModifier(predicate, description);
    }

    /// <summary>A change replaces the resource only when the attribute is set in configuration.</summary>
    public static IPlanModifier RequiresReplaceIfConfigured() =>
        RequiresReplaceIf(
            static r => !r.ConfigValue.IsNull,
            "If the value of this attribute is configured and changes, Terraform will destroy and recreate the resource.");

    /// <summary>Keeps the prior state value instead of "known after apply" for values that never change once set.</summary>
    public static IPlanModifier UseStateForUnknown() => UseStateForUnknownModifier.Instance;

    private sealed class RequiresReplaceIfModifier(Func<PlanModifierRequest, bool> predicate, string description) : IPlanModifier
    {
        public string Description => description;

        public void Modify(PlanModifierRequest request, PlanModifierResponse response)
        {
            // Creation has nothing to replace; an unchanged value never forces replacement.
            if (request.IsCreate || request.StateValue.Equals(response.PlanValue))
            {
                return;
            }

            if (predicate(request))
            {
                response.RequiresReplace = true;
            }
        }
    }

    private sealed class UseStateForUnknownModifier : IPlanModifier
    {
        public static readonly UseStateForUnknownModifier Instance = new();

        public string Description => "Once set, the value of this attribute in state will not change.";

        public void Modify(PlanModifierRequest request, PlanModifierResponse response)
        {
            // Nothing to keep on create; a known plan or an unknown config value (interpolation) wins.
            if (request.IsCreate || request.StateValue.IsNull || response.PlanValue.IsKnown || !request.ConfigValue.IsKnown)
            {
                return;
            }

            response.PlanValue = request.StateValue;
        }
    }
}
