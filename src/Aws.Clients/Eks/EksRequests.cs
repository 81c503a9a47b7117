using System.Text.Json.Serialization;

namespace PodIdentity.Aws.Clients;

// Inputs of the EKS operations. Members bound to the URI are [JsonIgnore]d: they go in the path or query.

public sealed record CreatePodIdentityAssociationRequest(
    [property: JsonIgnore] string ClusterName,
    string Namespace,
    string ServiceAccount,
    string RoleArn)
{
    /// <summary>Filled with a new GUID when null, so a retried create is not applied twice.</summary>
    public string? ClientRequestToken { get; init; }
    public IReadOnlyDictionary<string, string>? Tags { get; init; }
    public bool? DisableSessionTags { get; init; }
    public string? TargetRoleArn { get; init; }
    public string? Policy { get; init; }
}

public sealed record UpdatePodIdentityAssociationRequest(
    [property: JsonIgnore] string ClusterName,
    [property: JsonIgnore] string AssociationId)
{
    public string? RoleArn { get; init; }
    public string? ClientRequestToken { get; init; }
    public bool? DisableSessionTags { get; init; }
    /// <summary>An empty string removes the target role; null leaves it unchanged.</summary>
    public string? TargetRoleArn { get; init; }
    public string? Policy { get; init; }
}

public sealed record ListPodIdentityAssociationsRequest(string ClusterName)
{
    public string? Namespace { get; init; }
    public string? ServiceAccount { get; init; }
    public int? MaxResults { get; init; }
    public string? NextToken { get; init; }
}

public sealed record CreateAddonRequest(
    [property: JsonIgnore] string ClusterName,
    string AddonName)
{
    public string? AddonVersion { get; init; }
    public string? ServiceAccountRoleArn { get; init; }
    public string? ResolveConflicts { get; init; }
    public string? ClientRequestToken { get; init; }
    public IReadOnlyDictionary<string, string>? Tags { get; init; }
    public string? ConfigurationValues { get; init; }
    public IReadOnlyList<AddonPodIdentityAssociation>? PodIdentityAssociations { get; init; }
    public AddonNamespaceConfig? NamespaceConfig { get; init; }
}

public sealed record UpdateAddonRequest(
    [property: JsonIgnore] string ClusterName,
    [property: JsonIgnore] string AddonName)
{
    public string? AddonVersion { get; init; }
    public string? ServiceAccountRoleArn { get; init; }
    public string? ResolveConflicts { get; init; }
    public string? ClientRequestToken { get; init; }
    public string? ConfigurationValues { get; init; }
    /// <summary>An empty list removes every association; null leaves them unchanged.</summary>
    public IReadOnlyList<AddonPodIdentityAssociation>? PodIdentityAssociations { get; init; }
}

public sealed record DescribeAddonVersionsRequest
{
    public string? KubernetesVersion { get; init; }
    public int? MaxResults { get; init; }
    public string? NextToken { get; init; }
    public string? AddonName { get; init; }
    public IReadOnlyList<string>? Types { get; init; }
    public IReadOnlyList<string>? Publishers { get; init; }
    public IReadOnlyList<string>? Owners { get; init; }
}
