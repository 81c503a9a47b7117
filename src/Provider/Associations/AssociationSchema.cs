using PodIdentity.Plugin.Framework;
using PodIdentity.Plugin.Values;
using PodIdentity.Provider.Shared;
using static PodIdentity.Provider.Shared.StringAttributes;

namespace PodIdentity.Provider.Associations;

/// <summary>The schema of the <c>aws_eks_pod_identity_association</c> resource, written out attribute by attribute.</summary>
internal static class AssociationSchema
{
    /// <summary>The identity, with hashicorp/aws v6's attribute names; the id is the association id.</summary>
    public static ResourceIdentity Identity { get; } = new(
        "EKS Pod Identity association",
        keys => keys[1],
        (AssociationNames.ClusterName, "Name of the EKS cluster the association belongs to."),
        (AssociationNames.AssociationId, "ID of the association, e.g. a-abcdefghijklmnop1."));

    public static Schema Resource { get; } = new()
    {
        Description = "An EKS Pod Identity association: pods in a namespace that run as a service account get "
            + "credentials for an IAM role (optionally chained into a target role).",
        Attributes =
        [
            Assigned(AssociationNames.Id, "The association id (same as association_id)."),
            Assigned(AssociationNames.AssociationArn, "The ARN of the association."),
            Assigned(AssociationNames.AssociationId, "The id of the association, e.g. a-abcdefghijklmnopq."),
            ForcesReplacement(AssociationNames.ClusterName, "The EKS cluster to create the association in. Changing it replaces the association.", EksValidators.ClusterName),
            ForcesReplacement(AssociationNames.Namespace, "The Kubernetes namespace of the service account. Changing it replaces the association.", EksValidators.Namespace),
            ForcesReplacement(AssociationNames.ServiceAccount, "The Kubernetes service account whose pods get the role's credentials. Changing it replaces the association.", EksValidators.ServiceAccount),
            Required(
                AssociationNames.RoleArn,
                "The IAM role the pods get credentials for. Its trust policy must allow pods.eks.amazonaws.com "
                    + "(sts:AssumeRole and sts:TagSession). Changing it updates the association in place.",
                EksValidators.RoleArn),
            Optional(
                AssociationNames.TargetRoleArn,
                "A second role that EKS assumes with role_arn's credentials (role chaining, possibly into another "
                    + "account). Removing it stops the chaining.",
                EksValidators.RoleArn),
            new SchemaAttribute
            {
                Name = AssociationNames.ExternalId,
                Type = CtyType.String,
                Computed = true,
                Description = "The external id EKS passes when it assumes target_role_arn; require it as sts:ExternalId in the "
                    + "target role's trust policy. Stays the same while target_role_arn does not change.",
                PlanModifiers = [PlanModifiers.UseStateWhileUnchanged(AssociationNames.TargetRoleArn)],
            },
            new SchemaAttribute
            {
                Name = AssociationNames.DisableSessionTags,
                Type = CtyType.Bool,
                Optional = true,
                Computed = true,
                Default = Defaults.Bool(false),
                Description = "Turn off the session tags (cluster, namespace, service account...) EKS adds when it assumes the role.",
            },
            Optional(
                AssociationNames.Policy,
                "A session policy (IAM policy JSON) that further restricts the role's permissions for these pods. "
                    + "Requires disable_session_tags = true. Compared by meaning: reformatting it is not a change.",
                EksValidators.PolicyJson),
            new SchemaAttribute
            {
                Name = AssociationNames.Tags,
                Type = CtyType.Map(CtyType.String),
                Optional = true,
                Description = "Tags for the association. With the provider's default_tags they make tags_all (at most 50).",
                Validators = [EksValidators.Tags(AssociationNames.TaggedObject)],
            },
            new SchemaAttribute
            {
                Name = AssociationNames.TagsAll,
                Type = CtyType.Map(CtyType.String),
                Computed = true,
                Description = "All tags of the association: the provider's default_tags merged with tags, without ignored keys.",
            },
            ResourceRegion("the association"),
            new SchemaAttribute
            {
                Name = AssociationNames.OwnerArn,
                Type = CtyType.String,
                Computed = true,
                Description = "Set when an EKS add-on owns the association; such an association is changed through the add-on.",
                // Fixed for the life of the association, null (no owner) included.
                PlanModifiers = [PlanModifiers.UseStateForUnknown()],
            },
            Assigned(AssociationNames.CreatedAt, "When the association was created (RFC 3339)."),
            Output(AssociationNames.ModifiedAt, "When the association was last modified (RFC 3339)."),
        ],
    };
}
