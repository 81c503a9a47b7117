using PodIdentity.Aws.Clients;
using PodIdentity.Plugin.Framework;
using PodIdentity.Plugin.Values;
using PodIdentity.Provider.Shared;

namespace PodIdentity.Provider.Associations;

/// <summary>Which in-place changes a plan makes, and the one UpdatePodIdentityAssociation call that applies them.</summary>
internal static class AssociationChanges
{
    /// <summary>
    /// True when role, target role, session tags or policy change (or may change: unknown), so the update calls
    /// UpdatePodIdentityAssociation. Tags alone do not count: they have their own calls.
    /// </summary>
    public static bool NeedsUpdateCall(CtyValue prior, CtyValue plan) =>
        Changed(prior, plan, AssociationNames.RoleArn) || Changed(prior, plan, AssociationNames.TargetRoleArn) || Changed(prior, plan, AssociationNames.DisableSessionTags)
        || plan.IsUnknown(AssociationNames.Policy) || !PolicyDocument.Equivalent(prior.GetString(AssociationNames.Policy), plan.GetString(AssociationNames.Policy));

    /// <summary>The update request carrying only changed members, or null when nothing but tags changes.</summary>
    public static UpdatePodIdentityAssociationRequest? UpdateRequest(CtyValue prior, CtyValue plan)
    {
        if (!NeedsUpdateCall(prior, plan))
        {
            return null;
        }

        var request = new UpdatePodIdentityAssociationRequest(prior.GetString(AssociationNames.ClusterName)!, prior.GetString(AssociationNames.AssociationId)!);
        if (Changed(prior, plan, AssociationNames.RoleArn))
        {
            request = request with { RoleArn = plan.GetString(AssociationNames.RoleArn) };
        }

        if (Changed(prior, plan, AssociationNames.TargetRoleArn))
        {
            // An empty string is how EKS is told to drop the target role (null would leave it in place).
            request = request with { TargetRoleArn = plan.GetString(AssociationNames.TargetRoleArn) ?? "" };
        }

        if (Changed(prior, plan, AssociationNames.DisableSessionTags))
        {
            request = request with { DisableSessionTags = plan.GetBool(AssociationNames.DisableSessionTags) ?? false };
        }

        if (!PolicyDocument.Equivalent(prior.GetString(AssociationNames.Policy), plan.GetString(AssociationNames.Policy)))
        {
            request = request with { Policy = plan.GetString(AssociationNames.Policy) ?? "" };
        }

        return request;
    }

    /// <summary>Attributes still unknown in <paramref name="state"/> take their value from <paramref name="source"/>.</summary>
    public static CtyValue FillUnknown(CtyValue state, CtyValue source)
    {
        foreach (var (name, value) in state.Attributes.ToList())
        {
            if (!value.IsWhollyKnown)
            {
                state = state.WithAttribute(name, source.GetAttribute(name));
            }
        }

        return state;
    }

    private static bool Changed(CtyValue prior, CtyValue plan, string name) =>
        !plan.GetAttribute(name).IsKnown || !prior.GetAttribute(name).Equals(plan.GetAttribute(name));
}
