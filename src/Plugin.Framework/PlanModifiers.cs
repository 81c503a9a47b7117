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

    /// <summary>The whole prior state (null on create, and where no resource is at hand, e.g. documentation tools).</summary>
    public CtyValue State { get; init; } = CtyValue.Null(CtyType.Dynamic);

    /// <summary>The whole plan as the attribute plan modifiers found it (null where no resource is at hand).</summary>
    public CtyValue Plan { get; init; } = CtyValue.Null(CtyType.Dynamic);
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

    /// <summary>
    /// Keeps the prior state value, null included, instead of "known after apply" for values that never change once
    /// the object exists (terraform-plugin-framework's UseStateForUnknown since 1.15.1).
    /// </summary>
    public static IPlanModifier UseStateForUnknown() => UseStateForUnknownModifier.KeepingNull;

    /// <summary>
    /// Keeps a non-null prior state value instead of "known after apply"; a null one stays unknown, for values that
    /// are set once and never change afterwards (terraform-plugin-framework's UseNonNullStateForUnknown).
    /// </summary>
    public static IPlanModifier UseNonNullStateForUnknown() => UseStateForUnknownModifier.NonNull;

    /// <summary>
    /// Keeps the prior state value, null included, instead of "known after apply" while the named attributes of the
    /// same object are planned as they are in state: a value that belongs to them and changes only with them.
    /// </summary>
    public static IPlanModifier UseStateWhileUnchanged(params string[] attributes)
    {
        ArgumentOutOfRangeException.ThrowIfZero(attributes.Length);
        return new UseStateWhileUnchangedModifier(attributes);
    }

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

    // Nothing to keep on create; a known plan or an unknown config value (interpolation) wins.
    private static bool MayKeepState(PlanModifierRequest request, PlanModifierResponse response) =>
        !request.IsCreate && !response.PlanValue.IsKnown && request.ConfigValue.IsKnown;

    private sealed class UseStateForUnknownModifier(bool keepNull, string description) : IPlanModifier
    {
        public static readonly UseStateForUnknownModifier KeepingNull = new(true, "Once the object exists, the value of this attribute in state will not change.");

        public static readonly UseStateForUnknownModifier NonNull = new(false, "Once set, the value of this attribute in state will not change.");

        public string Description => description;

        public void Modify(PlanModifierRequest request, PlanModifierResponse response)
        {
            if (MayKeepState(request, response) && (keepNull || !request.StateValue.IsNull))
            {
                response.PlanValue = request.StateValue;
            }
        }
    }

    private sealed class UseStateWhileUnchangedModifier(string[] attributes) : IPlanModifier
    {
        public string Description => $"The value of this attribute in state will not change while {string.Join(", ", attributes)} stay the same.";

        public void Modify(PlanModifierRequest request, PlanModifierResponse response)
        {
            // Without the whole state and plan (no resource at hand) there is nothing to compare.
            if (!MayKeepState(request, response) || request.State.IsNull || request.Plan.IsNull)
            {
                return;
            }

            if (attributes.All(a => request.Plan.GetAttribute(a).IsWhollyKnown && request.Plan.GetAttribute(a).Equals(request.State.GetAttribute(a))))
            {
                response.PlanValue = request.StateValue;
            }
        }
    }
}
