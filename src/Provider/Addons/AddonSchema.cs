using PodIdentity.Plugin.Framework;
using PodIdentity.Plugin.Values;
using PodIdentity.Provider.Shared;
using static PodIdentity.Provider.Shared.StringAttributes;
using N = PodIdentity.Provider.Addons.AddonNames;

namespace PodIdentity.Provider.Addons;

/// <summary>The schema of the <c>aws_eks_addon</c> resource (the official provider's, plus status and health_issues).</summary>
internal static class AddonSchema
{
    public static readonly ObjectType HealthIssueType = CtyType.Object(new Dictionary<string, CtyType>
    {
        [N.Code] = CtyType.String,
        [N.Message] = CtyType.String,
        [N.ResourceIds] = CtyType.List(CtyType.String),
    });

    /// <summary>The identity, with hashicorp/aws v6's attribute names; the id is "cluster_name:addon_name".</summary>
    public static ResourceIdentity Identity { get; } = new(
        "EKS add-on",
        keys => AddonState.ImportId(keys[0], keys[1]),
        (N.ClusterName, "Name of the EKS cluster the add-on is installed on."),
        (N.AddonName, "Name of the add-on, e.g. eks-pod-identity-agent."));

    public static Schema Resource { get; } = new()
    {
        Description = "An EKS add-on, such as eks-pod-identity-agent (which pod identity associations need) or vpc-cni.",
        Attributes =
        [
            Assigned(N.Id, "cluster_name:addon_name."),
            Assigned(N.Arn, "The ARN of the add-on."),
            ForcesReplacement(N.ClusterName, "The EKS cluster to install the add-on on. Changing it replaces the add-on.", EksValidators.ClusterName),
            ForcesReplacement(N.AddonName, "The add-on, e.g. eks-pod-identity-agent. Changing it replaces the add-on.", Validators.StringLengthAtLeast(1)),
            new SchemaAttribute
            {
                Name = N.AddonVersion,
                Type = CtyType.String,
                Optional = true,
                Computed = true,
                Description = "The add-on version, e.g. v1.3.10-eksbuild.2; EKS picks the default for the cluster when unset. "
                    + "Changing it upgrades (or downgrades) in place.",
                PlanModifiers = [PlanModifiers.UseNonNullStateForUnknown()],
                Validators = [AddonValidators.Version],
            },
            new SchemaAttribute
            {
                Name = N.ConfigurationValues,
                Type = CtyType.String,
                Optional = true,
                Computed = true,
                Description = "Add-on configuration as JSON or YAML. Compared by value: reformatting, key order or JSON versus YAML "
                    + "of the same document is not a change.",
                PlanModifiers = [PlanModifiers.UseNonNullStateForUnknown()],
                Validators = [AddonValidators.ConfigurationValues],
            },
            new SchemaAttribute { Name = N.Preserve, Type = CtyType.Bool, Optional = true, Description = "Leave the add-on's Kubernetes objects on the cluster when the add-on is deleted." },
            Optional(
                N.ResolveConflictsOnCreate, "How to resolve conflicts with existing objects on create: NONE or OVERWRITE.", Validators.StringOneOf("NONE", "OVERWRITE")),
            Optional(
                N.ResolveConflictsOnUpdate,
                "How to resolve conflicts with changed objects on update: NONE, OVERWRITE or PRESERVE.",
                Validators.StringOneOf("NONE", "OVERWRITE", "PRESERVE")),
            Optional(N.ServiceAccountRoleArn, "An IAM role for the add-on's service account (IRSA). Prefer pod_identity_association.", EksValidators.RoleArn),
            new SchemaAttribute
            {
                Name = N.AcceptDegraded,
                Type = CtyType.Bool,
                Optional = true,
                Description = "Count a DEGRADED add-on as created or updated (with a warning) instead of waiting for ACTIVE until "
                    + "the timeout. Defaults to false, as the official provider.",
            },
            new SchemaAttribute
            {
                Name = N.Tags,
                Type = CtyType.Map(CtyType.String),
                Optional = true,
                Description = "Tags for the add-on. With the provider's default_tags they make tags_all.",
                Validators = [EksValidators.Tags(N.TaggedObject)],
            },
            new SchemaAttribute { Name = N.TagsAll, Type = CtyType.Map(CtyType.String), Computed = true, Description = "default_tags merged with tags." },
            ResourceRegion("the add-on"),
            Assigned(N.CreatedAt, "When the add-on was created (RFC 3339)."),
            Output(N.ModifiedAt, "When the add-on was last modified (RFC 3339)."),
            Output(N.Status, "The add-on status (ACTIVE, DEGRADED...)."),
            new SchemaAttribute
            {
                Name = N.HealthIssues,
                Type = CtyType.List(HealthIssueType),
                Computed = true,
                Description = "The health issues EKS reports for the add-on.",
            },
        ],
        Blocks =
        [
            new SchemaBlock
            {
                Name = N.NamespaceConfig,
                Nesting = NestingMode.List,
                MaxItems = 1,
                Description = "The namespace to install the add-on into (default: the add-on's own). Changing it replaces the add-on.",
                Attributes =
                [
                    Required(N.Namespace, "A Kubernetes namespace name (RFC 1123 label).", EksValidators.Namespace),
                ],
            },
            new SchemaBlock
            {
                Name = N.PodIdentityAssociation,
                Nesting = NestingMode.Set,
                Description = "Pod identity associations the add-on owns (service account of the add-on, IAM role). Removing a block "
                    + "removes that association.",
                Attributes =
                [
                    Required(N.RoleArn, "The IAM role.", EksValidators.RoleArn),
                    Required(N.ServiceAccount, "The add-on's service account, e.g. aws-node for vpc-cni.", EksValidators.ServiceAccount),
                ],
            },
            new SchemaBlock
            {
                Name = N.Timeouts,
                Nesting = NestingMode.Single,
                Description = "How long to wait: create 20m, update 20m, delete 40m by default.",
                Attributes =
                [
                    Duration(N.Create),
                    Duration(N.Update),
                    Duration(N.Delete),
                ],
            },
        ],
    };

    private static SchemaAttribute Duration(string name) =>
        Optional(name, $"A duration such as \"30s\", \"20m\" or \"1h\" for {name}.", AddonValidators.Duration);
}
