using System.Globalization;
using PodIdentity.Aws.Clients;
using PodIdentity.Plugin.Framework;
using PodIdentity.Plugin.Values;
using PodIdentity.Provider.Shared;
using static PodIdentity.Provider.Shared.StringAttributes;

namespace PodIdentity.Provider.Associations;

/// <summary>Maps an EKS PodIdentityAssociation onto the resource's state value.</summary>
internal static class AssociationState
{
    /// <summary>
    /// Refresh and import: everything as AWS reports it, except that an equivalent policy keeps the text the user
    /// wrote and tags follow the tag policy (see <see cref="ResourceTags.FromRemote"/>).
    /// </summary>
    public static CtyValue FromApi(PodIdentityAssociation a, CtyValue prior, string region, TagPolicy policy)
    {
        var priorPolicy = prior.GetString(AssociationNames.Policy);
        var remotePolicy = NullIfEmpty(a.Policy);
        var (tags, tagsAll) = ResourceTags.FromRemote(a.Tags, prior.GetAttribute(AssociationNames.Tags), policy);
        return Computed(prior, a)
            .WithString(AssociationNames.ClusterName, a.ClusterName ?? prior.GetString(AssociationNames.ClusterName))
            .WithString(AssociationNames.Namespace, a.Namespace)
            .WithString(AssociationNames.ServiceAccount, a.ServiceAccount)
            .WithString(AssociationNames.RoleArn, a.RoleArn)
            .WithString(AssociationNames.TargetRoleArn, NullIfEmpty(a.TargetRoleArn))
            .WithBool(AssociationNames.DisableSessionTags, a.DisableSessionTags ?? false)
            .WithString(AssociationNames.Policy, PolicyDocument.Equivalent(priorPolicy, remotePolicy) ? priorPolicy : remotePolicy)
            .WithAttribute(AssociationNames.Tags, tags)
            .WithAttribute(AssociationNames.TagsAll, tagsAll)
            .WithString(AssociationNames.Region, region);
    }

    /// <summary>
    /// After create or update: the planned values stay (Terraform requires it); AWS fills what the plan left unknown.
    /// </summary>
    public static CtyValue AfterApply(PodIdentityAssociation a, CtyValue plan)
    {
        var state = Computed(plan, a);
        if (state.IsUnknown(AssociationNames.DisableSessionTags))
        {
            state = state.WithBool(AssociationNames.DisableSessionTags, a.DisableSessionTags ?? false);
        }

        return state;
    }

    private static CtyValue Computed(CtyValue state, PodIdentityAssociation a) => state
        .WithString(AssociationNames.Id, a.AssociationId)
        .WithString(AssociationNames.AssociationId, a.AssociationId)
        .WithString(AssociationNames.AssociationArn, a.AssociationArn)
        .WithString(AssociationNames.ExternalId, NullIfEmpty(a.ExternalId))
        .WithString(AssociationNames.OwnerArn, NullIfEmpty(a.OwnerArn))
        .WithString(AssociationNames.CreatedAt, Timestamp(a.CreatedAt))
        .WithString(AssociationNames.ModifiedAt, Timestamp(a.ModifiedAt));
}
