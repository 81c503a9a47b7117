using PodIdentity.Plugin.Framework;
using PodIdentity.Plugin.Values;
using PodIdentity.Provider.Shared;

namespace PodIdentity.Provider.Addons;

/// <summary>The identity of <c>aws_eks_addon</c>, with hashicorp/aws v6's attribute names.</summary>
internal static class AddonIdentity
{
    public static readonly ResourceIdentity Instance = new(
        "EKS add-on",
        (AddonNames.ClusterName, "Name of the EKS cluster the add-on is installed on."),
        (AddonNames.AddonName, "Name of the add-on, e.g. eks-pod-identity-agent."));

    /// <summary>The state an import needs before Read: the same whether imported by ID or by identity.</summary>
    public static CtyValue ImportedState(CtyValue empty, string cluster, string addon, string region) => empty
        .WithString(AddonNames.ClusterName, cluster)
        .WithString(AddonNames.AddonName, addon)
        .WithString(AddonNames.Id, AddonState.ImportId(cluster, addon))
        .WithString(AddonNames.Region, region);
}
