namespace PodIdentity.Provider.Checks;

/// <summary>A planned value: known (possibly null, meaning not set) or not known until apply.</summary>
internal readonly record struct Planned<T>(bool IsKnown, T? Value)
{
    public static Planned<T> Unknown => new(false, default);

    public static Planned<T> Of(T? value) => new(true, value);
}

/// <summary>The arguments of one association the checks look at, as planned (or as applied).</summary>
internal sealed record AssociationFacts
{
    public Planned<string> Region { get; init; }
    public Planned<string> ClusterName { get; init; }
    public Planned<string> Namespace { get; init; }
    public Planned<string> ServiceAccount { get; init; }
    public Planned<string> RoleArn { get; init; }
    public Planned<string> TargetRoleArn { get; init; }
    public Planned<bool> DisableSessionTags { get; init; }
    public Planned<string> ExternalId { get; init; }

    /// <summary>Set for an association that exists (prior state, or after create).</summary>
    public string? AssociationId { get; init; }

    /// <summary>For the create-plan of a replacement: the association being replaced (Terraform hands the replacing
    /// create the first call's planned private data, where the resource keeps its association id).</summary>
    public string? Replaces { get; init; }
}

/// <summary>The provider arguments that steer the checks.</summary>
/// <param name="SkipTrustCheck"><c>skip_pod_identity_trust_check</c>: no trust-policy findings at all.</param>
/// <param name="TrustFindingsAsErrors"><c>strict_pod_identity_trust_check</c>: trust-policy findings are errors that fail the plan (for CI).</param>
internal sealed record CheckSettings(bool SkipTrustCheck = false, bool TrustFindingsAsErrors = false);
