using System.Text.Json;
using PodIdentity.Plugin.Values;

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

    /// <summary>The facts of a resource value (configuration, plan or state) of aws_eks_pod_identity_association.</summary>
    public static AssociationFacts From(CtyValue value, byte[]? priorPrivate = null) => new()
    {
        Region = Text(value, "region"),
        ClusterName = Text(value, "cluster_name"),
        Namespace = Text(value, "namespace"),
        ServiceAccount = Text(value, "service_account"),
        RoleArn = Text(value, "role_arn"),
        TargetRoleArn = Text(value, "target_role_arn"),
        DisableSessionTags = value.GetAttribute("disable_session_tags") is { IsKnown: true } b
            ? Planned<bool>.Of(!b.IsNull && b.AsBool())
            : Planned<bool>.Unknown,
        ExternalId = Text(value, "external_id"),
        AssociationId = Text(value, "association_id").Value,
        Replaces = ReplacementMarker.Read(priorPrivate),
    };

    private static Planned<string> Text(CtyValue value, string name) =>
        value.GetAttribute(name) is { IsKnown: true } v ? Planned<string>.Of(v.IsNull ? null : v.AsString()) : Planned<string>.Unknown;
}

/// <summary>
/// The private data an association keeps beside its state: its id. Terraform plans a replacement as an update-plan
/// followed by a create-plan that receives the first one's planned private data, so the create-plan can tell the
/// association it replaces (no conflict) from one that belongs to someone else.
/// </summary>
internal static class ReplacementMarker
{
    private const string Key = "association_id";

    public static byte[]? Write(string? associationId) =>
        associationId is null ? null : System.Text.Encoding.UTF8.GetBytes(new System.Text.Json.Nodes.JsonObject { [Key] = associationId }.ToJsonString());

    public static string? Read(byte[]? data)
    {
        if (data is not { Length: > 0 })
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(data);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty(Key, out var id)
                && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>The provider arguments that steer the checks.</summary>
/// <param name="SkipTrustCheck"><c>skip_pod_identity_trust_check</c>: no trust-policy findings at all.</param>
/// <param name="TrustFindingsAsErrors"><c>strict_pod_identity_trust_check</c>: trust-policy findings are errors that fail the plan (for CI).</param>
internal sealed record CheckSettings(bool SkipTrustCheck = false, bool TrustFindingsAsErrors = false);
