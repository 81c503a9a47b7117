using PodIdentity.Provider.Shared;

namespace PodIdentity.Provider.Addons;

/// <summary>Attribute and type names of <c>aws_eks_addon</c> and its data sources (as in the official provider).</summary>
internal static class AddonNames
{
    public const string ResourceType = "aws_eks_addon";
    public const string VersionDataSourceType = "aws_eks_addon_version";
    public const string PodIdentityAgent = "eks-pod-identity-agent";

    /// <summary>How messages name one, as in "at most 50 tags on an add-on".</summary>
    public const string TaggedObject = "an add-on";

    public const string Id = "id";
    public const string Arn = "arn";
    public const string ClusterName = "cluster_name";
    public const string AddonName = "addon_name";
    public const string AddonVersion = "addon_version";
    public const string ConfigurationValues = "configuration_values";
    public const string NamespaceConfig = "namespace_config";
    public const string Namespace = "namespace";
    public const string PodIdentityAssociation = "pod_identity_association";
    public const string RoleArn = "role_arn";
    public const string ServiceAccount = "service_account";
    public const string Preserve = "preserve";
    public const string ResolveConflictsOnCreate = "resolve_conflicts_on_create";
    public const string ResolveConflictsOnUpdate = "resolve_conflicts_on_update";
    public const string ServiceAccountRoleArn = "service_account_role_arn";
    public const string AcceptDegraded = "accept_degraded";
    public const string Tags = RegionAndTagsPlan.Tags;
    public const string TagsAll = RegionAndTagsPlan.TagsAll;
    public const string Region = RegionAndTagsPlan.Region;
    public const string Timeouts = "timeouts";
    public const string Create = "create";
    public const string Update = "update";
    public const string Delete = "delete";
    public const string CreatedAt = "created_at";
    public const string ModifiedAt = "modified_at";
    public const string Status = "status";
    public const string HealthIssues = "health_issues";
    public const string Code = "code";
    public const string Message = "message";
    public const string ResourceIds = "resource_ids";
    public const string KubernetesVersion = "kubernetes_version";
    public const string MostRecent = "most_recent";
    public const string Version = "version";
}
