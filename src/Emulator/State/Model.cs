using System.Text.Json.Nodes;

namespace PodIdentity.Emulator.State;

// Mutable entities: they live only inside StateStore and are changed under its lock.
// Everything here is serialized as-is into the --state snapshot.

internal sealed class EmulatorState
{
    public string AccountId { get; set; } = "123456789012";
    public Dictionary<string, RegionState> Regions { get; set; } = new(StringComparer.Ordinal);
    public Dictionary<string, Role> Roles { get; set; } = new(StringComparer.Ordinal);
    public Dictionary<string, SessionCredential> Sessions { get; set; } = new(StringComparer.Ordinal);

    public RegionState Region(string region)
    {
        if (!Regions.TryGetValue(region, out var state))
        {
            state = new RegionState();
            Regions[region] = state;
        }
        return state;
    }
}

internal sealed class RegionState
{
    public Dictionary<string, Cluster> Clusters { get; set; } = new(StringComparer.Ordinal);
}

internal sealed class Cluster
{
    public string Name { get; set; } = "";
    public string Arn { get; set; } = "";
    public string Region { get; set; } = "";
    public string Version { get; set; } = "";
    public string Status { get; set; } = "ACTIVE";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ActiveAt { get; set; }
    public string RoleArn { get; set; } = "";
    public string Id { get; set; } = "";
    public string? ClientRequestToken { get; set; }
    public JsonObject? VpcConfig { get; set; }
    public Dictionary<string, string> Tags { get; set; } = new(StringComparer.Ordinal);
    public Dictionary<string, PodIdentityAssociation> Associations { get; set; } = new(StringComparer.Ordinal);
    public Dictionary<string, Addon> Addons { get; set; } = new(StringComparer.Ordinal);
    public Dictionary<string, string> AssociationTokens { get; set; } = new(StringComparer.Ordinal);
    /// <summary>The OIDC issuer's RSA key (PKCS#8, base64), made when the first service-account token is issued.</summary>
    public string? TokenSigningKey { get; set; }
}

internal sealed class PodIdentityAssociation
{
    public string Id { get; set; } = "";
    public string Arn { get; set; } = "";
    public string ClusterName { get; set; } = "";
    public string Namespace { get; set; } = "";
    public string ServiceAccount { get; set; } = "";
    public string RoleArn { get; set; } = "";
    public string? TargetRoleArn { get; set; }
    public string? ExternalId { get; set; }
    public bool? DisableSessionTags { get; set; }
    public string? Policy { get; set; }
    public string? OwnerArn { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ModifiedAt { get; set; }
    public Dictionary<string, string> Tags { get; set; } = new(StringComparer.Ordinal);
    /// <summary>Fingerprint of the create request, to tell a retry from a reused token.</summary>
    public string? CreateFingerprint { get; set; }
}

internal sealed class Addon
{
    public string Name { get; set; } = "";
    public string Arn { get; set; } = "";
    public string ClusterName { get; set; } = "";
    public string Version { get; set; } = "";
    public string Namespace { get; set; } = "kube-system";
    public string Status { get; set; } = "CREATING";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ModifiedAt { get; set; }
    public string? ServiceAccountRoleArn { get; set; }
    public string? ConfigurationValues { get; set; }
    /// <summary>Values an update in progress asked for; they replace <see cref="ConfigurationValues"/> only if it succeeds.</summary>
    public string? PendingConfigurationValues { get; set; }
    public string? ResolveConflicts { get; set; }
    public Dictionary<string, string> Tags { get; set; } = new(StringComparer.Ordinal);
    public List<AddonIssue> HealthIssues { get; set; } = [];
    /// <summary>Pending transition: when it ends the add-on takes <see cref="TransitionTarget"/>.</summary>
    public DateTimeOffset? TransitionEndsAt { get; set; }
    public string? TransitionTarget { get; set; }
    public List<AddonIssue> TransitionIssues { get; set; } = [];
    public string? TransitionUpdateId { get; set; }
    public Dictionary<string, AddonUpdate> Updates { get; set; } = new(StringComparer.Ordinal);
    public string? ClientRequestToken { get; set; }
}

internal sealed record AddonIssue(string Code, string Message);

internal sealed class AddonUpdate
{
    public string Id { get; set; } = "";
    public string Status { get; set; } = "InProgress";
    public DateTimeOffset CreatedAt { get; set; }
    public List<KeyValuePair<string, string>> Params { get; set; } = [];
    public List<AddonIssue> Errors { get; set; } = [];
}

internal sealed class Role
{
    public string Name { get; set; } = "";
    public string Path { get; set; } = "/";
    public string RoleId { get; set; } = "";
    public string Arn { get; set; } = "";
    public DateTimeOffset CreateDate { get; set; }
    public string AssumeRolePolicyDocument { get; set; } = "";
    public string? Description { get; set; }
    public int MaxSessionDuration { get; set; } = 3600;
    public List<KeyValuePair<string, string>> Tags { get; set; } = [];
    public List<string> AttachedPolicies { get; set; } = [];
}

internal sealed class SessionCredential
{
    public string AccessKeyId { get; set; } = "";
    public string SecretAccessKey { get; set; } = "";
    public string SessionToken { get; set; } = "";
    public DateTimeOffset Expiration { get; set; }
    public string AssumedRoleArn { get; set; } = "";
    public string AssumedRoleId { get; set; } = "";
    public Dictionary<string, string> Tags { get; set; } = new(StringComparer.Ordinal);
    /// <summary>The session policy passed when the session was made (it limits the role's permissions).</summary>
    public string? Policy { get; set; }
    /// <summary>The operation that made the session: AssumeRole, AssumeRoleWithWebIdentity or AssumeRoleForPodIdentity.</summary>
    public string? IssuedBy { get; set; }
    /// <summary>The identity that asked for it (for a chained session, the first session's ARN).</summary>
    public string? SourceArn { get; set; }
}
