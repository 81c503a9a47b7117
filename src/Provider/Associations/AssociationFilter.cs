using PodIdentity.Aws.Clients;
using PodIdentity.Plugin.Framework;
using PodIdentity.Plugin.Values;
using PodIdentity.Provider.Shared;
using static PodIdentity.Provider.Shared.StringAttributes;

namespace PodIdentity.Provider.Associations;

/// <summary>
/// The filters of ListPodIdentityAssociations as the associations data source and the association list resource take
/// them: the cluster, and optionally a namespace, or a service account in it (EKS filters by service account only
/// within a namespace).
/// </summary>
internal static class AssociationFilter
{
    public static IReadOnlyList<SchemaAttribute> Attributes { get; } =
    [
        Required(AssociationNames.ClusterName, "The cluster whose associations to list.", EksValidators.ClusterName),
        Optional(AssociationNames.Namespace, "Only associations in this namespace.", EksValidators.Namespace),
        Optional(AssociationNames.ServiceAccount, "Only associations of this service account (requires namespace).", EksValidators.ServiceAccount),
    ];

    public static void Validate(CtyValue config, Diagnostics diagnostics)
    {
        var ns = config.GetAttribute(AssociationNames.Namespace);
        var sa = config.GetAttribute(AssociationNames.ServiceAccount);
        if (ns.IsKnown && ns.IsNull && sa.IsKnown && !sa.IsNull)
        {
            diagnostics.AddError("Missing namespace", "EKS filters by service account only within a namespace: set namespace too.",
                AttributePath.Root.Attribute(AssociationNames.Namespace));
        }
    }

    /// <summary>The request for the first page; <paramref name="pageSize"/> null lets EKS choose.</summary>
    public static ListPodIdentityAssociationsRequest Request(CtyValue config, int? pageSize = null) =>
        new(config.GetString(AssociationNames.ClusterName)!)
        {
            Namespace = config.GetString(AssociationNames.Namespace),
            ServiceAccount = config.GetString(AssociationNames.ServiceAccount),
            MaxResults = pageSize,
        };
}
