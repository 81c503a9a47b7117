using PodIdentity.Plugin.Framework;
using PodIdentity.Plugin.Values;
using PodIdentity.Provider.Shared;

namespace PodIdentity.Provider.Associations;

/// <summary>The identity of <c>aws_eks_pod_identity_association</c>, with hashicorp/aws v6's attribute names.</summary>
internal static class AssociationIdentity
{
    public static readonly ResourceIdentity Instance = new(
        "EKS Pod Identity association",
        (AssociationNames.ClusterName, "Name of the EKS cluster the association belongs to."),
        (AssociationNames.AssociationId, "ID of the association, e.g. a-abcdefghijklmnop1."));

    /// <summary>The state an import needs before Read: the same whether imported by ID or by identity.</summary>
    public static CtyValue ImportedState(CtyValue empty, string cluster, string associationId, string region) => empty
        .WithString(AssociationNames.ClusterName, cluster)
        .WithString(AssociationNames.AssociationId, associationId)
        .WithString(AssociationNames.Id, associationId)
        .WithString(AssociationNames.Region, region);
}
