using PodIdentity.Provider.Shared;

namespace PodIdentity.Provider.Associations;

/// <summary>Attribute names shared by the association resource and its data sources (as in the official provider).</summary>
internal static class AssociationNames
{
    public const string ResourceType = "aws_eks_pod_identity_association";
    public const string ListDataSourceType = "aws_eks_pod_identity_associations";

    /// <summary>How messages name one, as in "at most 50 tags on a pod identity association".</summary>
    public const string TaggedObject = "a pod identity association";

    public const string Id = "id";
    public const string AssociationArn = "association_arn";
    public const string AssociationId = "association_id";
    public const string ClusterName = "cluster_name";
    public const string Namespace = "namespace";
    public const string ServiceAccount = "service_account";
    public const string RoleArn = "role_arn";
    public const string TargetRoleArn = "target_role_arn";
    public const string ExternalId = "external_id";
    public const string DisableSessionTags = "disable_session_tags";
    public const string Policy = "policy";
    public const string Tags = RegionAndTagsPlan.Tags;
    public const string TagsAll = RegionAndTagsPlan.TagsAll;
    public const string Region = RegionAndTagsPlan.Region;
    public const string OwnerArn = "owner_arn";
    public const string CreatedAt = "created_at";
    public const string ModifiedAt = "modified_at";
    public const string Associations = "associations";
}
