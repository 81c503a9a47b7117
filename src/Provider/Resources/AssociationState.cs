using System.Globalization;
using PodIdentity.Aws.Clients;
using PodIdentity.Plugin.Framework;
using PodIdentity.Plugin.Values;
using static PodIdentity.Provider.Resources.StringAttributes;

namespace PodIdentity.Provider.Resources;

/// <summary>Maps an EKS PodIdentityAssociation onto the resource's state value.</summary>
internal static class AssociationState
{
    /// <summary>
    /// Refresh and import: everything as AWS reports it, except that an equivalent policy keeps the text the user
    /// wrote and tags follow the tag policy (see <see cref="AssociationTags.FromRemote"/>).
    /// </summary>
    public static CtyValue FromApi(PodIdentityAssociation a, CtyValue prior, string region, TagPolicy policy)
    {
        var priorPolicy = prior.GetString(Names.Policy);
        var remotePolicy = NullIfEmpty(a.Policy);
        var (tags, tagsAll) = AssociationTags.FromRemote(a.Tags, prior.GetAttribute(Names.Tags), policy);
        return Computed(prior, a)
            .WithString(Names.ClusterName, a.ClusterName ?? prior.GetString(Names.ClusterName))
            .WithString(Names.Namespace, a.Namespace)
            .WithString(Names.ServiceAccount, a.ServiceAccount)
            .WithString(Names.RoleArn, a.RoleArn)
            .WithString(Names.TargetRoleArn, NullIfEmpty(a.TargetRoleArn))
            .WithBool(Names.DisableSessionTags, a.DisableSessionTags ?? false)
            .WithString(Names.Policy, PolicyDocument.Equivalent(priorPolicy, remotePolicy) ? priorPolicy : remotePolicy)
            .WithAttribute(Names.Tags, tags)
            .WithAttribute(Names.TagsAll, tagsAll)
            .WithString(Names.Region, region);
    }

    /// <summary>
    /// After create or update: the planned values stay (Terraform requires it); AWS fills what the plan left unknown.
    /// </summary>
    public static CtyValue AfterApply(PodIdentityAssociation a, CtyValue plan, TagPolicy policy)
    {
        var state = Computed(plan, a);
        if (!state.GetAttribute(Names.TagsAll).IsWhollyKnown)
        {
            state = state.WithAttribute(Names.TagsAll, AssociationTags.PlanTagsAll(state.GetAttribute(Names.Tags), policy));
        }

        if (state.IsUnknown(Names.DisableSessionTags))
        {
            state = state.WithBool(Names.DisableSessionTags, a.DisableSessionTags ?? false);
        }

        return state;
    }

    /// <summary>RFC 3339 in UTC, to the second (as the official provider writes timestamps).</summary>
    public static string? Timestamp(DateTimeOffset? t) =>
        t?.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture);

    private static CtyValue Computed(CtyValue state, PodIdentityAssociation a) => state
        .WithString(Names.Id, a.AssociationId)
        .WithString(Names.AssociationId, a.AssociationId)
        .WithString(Names.AssociationArn, a.AssociationArn)
        .WithString(Names.ExternalId, NullIfEmpty(a.ExternalId))
        .WithString(Names.OwnerArn, NullIfEmpty(a.OwnerArn))
        .WithString(Names.CreatedAt, Timestamp(a.CreatedAt))
        .WithString(Names.ModifiedAt, Timestamp(a.ModifiedAt));
}
