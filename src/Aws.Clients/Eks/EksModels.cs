namespace PodIdentity.Aws.Clients;

// Shapes of the EKS API (eks-2017-11-01) that the provider uses. Members are named as in the model (camelCase on
// the wire); every member is nullable because the service may omit any of them.

public sealed record PodIdentityAssociation
{
    public string? ClusterName { get; init; }
    public string? Namespace { get; init; }
    public string? ServiceAccount { get; init; }
    public string? RoleArn { get; init; }
    public string? AssociationArn { get; init; }
    public string? AssociationId { get; init; }
    public IReadOnlyDictionary<string, string>? Tags { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
    public DateTimeOffset? ModifiedAt { get; init; }
    public string? OwnerArn { get; init; }
    public bool? DisableSessionTags { get; init; }
    public string? TargetRoleArn { get; init; }
    public string? ExternalId { get; init; }
    public string? Policy { get; init; }
}

public sealed record PodIdentityAssociationSummary
{
    public string? ClusterName { get; init; }
    public string? Namespace { get; init; }
    public string? ServiceAccount { get; init; }
    public string? AssociationArn { get; init; }
    public string? AssociationId { get; init; }
    public string? OwnerArn { get; init; }
}

public sealed record Addon
{
    public string? AddonName { get; init; }
    public string? ClusterName { get; init; }
    public string? Status { get; init; }
    public string? AddonVersion { get; init; }
    public AddonHealth? Health { get; init; }
    public string? AddonArn { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
    public DateTimeOffset? ModifiedAt { get; init; }
    public string? ServiceAccountRoleArn { get; init; }
    public IReadOnlyDictionary<string, string>? Tags { get; init; }
    public string? Publisher { get; init; }
    public string? Owner { get; init; }
    public MarketplaceInformation? MarketplaceInformation { get; init; }
    public string? ConfigurationValues { get; init; }
    public IReadOnlyList<string>? PodIdentityAssociations { get; init; }
    public AddonNamespaceConfig? NamespaceConfig { get; init; }
}

public sealed record AddonHealth
{
    public IReadOnlyList<AddonIssue>? Issues { get; init; }
}

public sealed record AddonIssue
{
    public string? Code { get; init; }
    public string? Message { get; init; }
    public IReadOnlyList<string>? ResourceIds { get; init; }
}

public sealed record MarketplaceInformation
{
    public string? ProductId { get; init; }
    public string? ProductUrl { get; init; }
}

public sealed record AddonNamespaceConfig
{
    public string? Namespace { get; init; }
}

/// <summary>A pod identity association requested as part of an add-on (AddonPodIdentityAssociations).</summary>
public sealed record AddonPodIdentityAssociation(string ServiceAccount, string RoleArn);

public sealed record Update
{
    public string? Id { get; init; }
    public string? Status { get; init; }
    public string? Type { get; init; }
    public IReadOnlyList<UpdateParam>? Params { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
    public IReadOnlyList<ErrorDetail>? Errors { get; init; }
}

public sealed record UpdateParam
{
    public string? Type { get; init; }
    public string? Value { get; init; }
}

public sealed record ErrorDetail
{
    public string? ErrorCode { get; init; }
    public string? ErrorMessage { get; init; }
    public IReadOnlyList<string>? ResourceIds { get; init; }
}

public sealed record AddonInfo
{
    public string? AddonName { get; init; }
    public string? Type { get; init; }
    public IReadOnlyList<AddonVersionInfo>? AddonVersions { get; init; }
    public string? Publisher { get; init; }
    public string? Owner { get; init; }
    public MarketplaceInformation? MarketplaceInformation { get; init; }
    public string? DefaultNamespace { get; init; }
}

public sealed record AddonVersionInfo
{
    public string? AddonVersion { get; init; }
    public IReadOnlyList<string>? Architecture { get; init; }
    public IReadOnlyList<string>? ComputeTypes { get; init; }
    public IReadOnlyList<Compatibility>? Compatibilities { get; init; }
    public bool? RequiresConfiguration { get; init; }
    public bool? RequiresIamPermissions { get; init; }
}

public sealed record Compatibility
{
    public string? ClusterVersion { get; init; }
    public IReadOnlyList<string>? PlatformVersions { get; init; }
    public bool? DefaultVersion { get; init; }
}

/// <summary>The subset of Cluster the provider reads.</summary>
public sealed record Cluster
{
    public string? Name { get; init; }
    public string? Arn { get; init; }
    public string? Id { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
    public string? Version { get; init; }
    public string? Endpoint { get; init; }
    public string? RoleArn { get; init; }
    public string? Status { get; init; }
    public string? PlatformVersion { get; init; }
    public IReadOnlyDictionary<string, string>? Tags { get; init; }
    public ClusterCertificate? CertificateAuthority { get; init; }
}

public sealed record ClusterCertificate
{
    public string? Data { get; init; }
}

public sealed record ListPodIdentityAssociationsResult(IReadOnlyList<PodIdentityAssociationSummary> Associations, string? NextToken);

public sealed record ListAddonsResult(IReadOnlyList<string> Addons, string? NextToken);

public sealed record DescribeAddonVersionsResult(IReadOnlyList<AddonInfo> Addons, string? NextToken);
