using PodIdentity.Plugin.Framework;
using PodIdentity.Plugin.Values;

namespace PodIdentity.Provider.Resources;

// Plan-time logic: the policy rule, region and tags_all, and which computed values stay known.
internal sealed partial class PodIdentityAssociationResource
{
    public void ValidateConfig(ValidateConfigRequest request, Diagnostics diagnostics)
    {
        var config = request.Config;
        if (config.IsNull || !config.IsKnown)
        {
            return;
        }

        // EKS only accepts a session policy when it adds no session tags; unknown values wait for the plan.
        var policy = config.GetAttribute(Names.Policy);
        var disable = config.GetAttribute(Names.DisableSessionTags);
        if (policy.IsKnown && !policy.IsNull && disable.IsKnown && (disable.IsNull || !disable.AsBool()))
        {
            diagnostics.AddError(
                "Session policy needs disable_session_tags",
                "EKS applies a session policy only to associations that add no session tags: set disable_session_tags = true "
                + "together with policy, or remove policy.",
                AttributePath.Root.Attribute(Names.Policy));
        }
    }

    public Task ModifyPlanAsync(ModifyPlanRequest request, ModifyPlanResponse response, CancellationToken cancellationToken)
    {
        var context = request.ProviderData as AwsProviderContext;
        if (request.IsDestroy)
        {
            WarnIfOwned(request.PriorState, "destroyed", response.Diagnostics);
            return Task.CompletedTask;
        }

        var config = request.Config;
        var prior = request.PriorState;
        var plan = response.Plan;

        // The provider's region when the resource names none; a different region means a different object.
        if (config.GetAttribute(Names.Region).IsNull)
        {
            plan = context is null ? plan.WithUnknown(Names.Region) : plan.WithString(Names.Region, context.Region);
        }

        if (!request.IsCreate && plan.GetAttribute(Names.Region).IsKnown && !plan.GetAttribute(Names.Region).Equals(prior.GetAttribute(Names.Region)))
        {
            response.RequiresReplace.Add(AttributePath.Root.Attribute(Names.Region));
        }

        var tagsAll = context is null
            ? CtyValue.Unknown(CtyType.Map(CtyType.String))
            : AssociationTags.PlanTagsAll(config.GetAttribute(Names.Tags), context.TagPolicy);
        plan = plan.WithAttribute(Names.TagsAll, tagsAll);
        if (tagsAll.IsKnown && tagsAll.Count > AssociationValidators.MaxTags)
        {
            response.Diagnostics.AddError(
                "Too Many Tags",
                $"EKS allows at most {AssociationValidators.MaxTags} tags on a pod identity association; tags with the provider's "
                + $"default_tags come to {tagsAll.Count}.",
                AttributePath.Root.Attribute(Names.Tags));
        }

        if (!request.IsCreate)
        {
            plan = PlanUpdate(prior, plan, response.Diagnostics);
        }

        response.Plan = plan;
        return request.IsCreate && context is not null && CheckPodIdentityAgent ? CheckAgentAsync(context, plan, response.Diagnostics, cancellationToken) : Task.CompletedTask;
    }

    /// <summary>Turns on the add-on's agent check (set by the provider's registration; off for bare instances in tests).</summary>
    internal bool CheckPodIdentityAgent { get; init; }

    // The add-on's agent check (AddonAgentCheck): warn when the cluster cannot give pods credentials yet.
    private static Task CheckAgentAsync(AwsProviderContext context, CtyValue plan, Diagnostics diagnostics, CancellationToken cancellationToken) =>
        plan.GetString(Names.ClusterName) is { } cluster && plan.GetString(Names.Region) is { } region
            ? AddonAgentCheck.For(context).WarnIfMissingAsync(region, cluster, diagnostics, cancellationToken)
            : Task.CompletedTask;

    private static CtyValue PlanUpdate(CtyValue prior, CtyValue plan, Diagnostics diagnostics)
    {
        // A reformatted but equivalent policy keeps the stored text: no change to show or apply.
        var planPolicy = plan.GetAttribute(Names.Policy);
        if (planPolicy.IsKnown && PolicyDocument.Equivalent(prior.GetString(Names.Policy), plan.GetString(Names.Policy)))
        {
            plan = plan.WithAttribute(Names.Policy, prior.GetAttribute(Names.Policy));
        }

        // An add-on owner is fixed for the life of the association (null included, which UseStateForUnknown skips).
        plan = plan.WithAttribute(Names.OwnerArn, prior.GetAttribute(Names.OwnerArn));

        // external_id belongs to the target role: it stays while the target stays and goes with it.
        var target = plan.GetAttribute(Names.TargetRoleArn);
        plan = !target.IsKnown ? plan.WithUnknown(Names.ExternalId)
            : target.Equals(prior.GetAttribute(Names.TargetRoleArn)) ? plan.WithAttribute(Names.ExternalId, prior.GetAttribute(Names.ExternalId))
            : target.IsNull ? plan.WithNull(Names.ExternalId)
            : plan.WithUnknown(Names.ExternalId);

        var updates = AssociationChanges.NeedsUpdateCall(prior, plan);
        plan = updates ? plan.WithUnknown(Names.ModifiedAt) : plan.WithAttribute(Names.ModifiedAt, prior.GetAttribute(Names.ModifiedAt));
        if (updates || !plan.GetAttribute(Names.TagsAll).Equals(prior.GetAttribute(Names.TagsAll)))
        {
            WarnIfOwned(prior, "updated", diagnostics);
        }

        return plan;
    }

    private static void WarnIfOwned(CtyValue prior, string verb, Diagnostics diagnostics)
    {
        if (prior.GetString(Names.OwnerArn) is { } owner)
        {
            diagnostics.AddWarning(
                "EKS Pod Identity Association is owned by an add-on",
                $"Association {prior.GetString(Names.AssociationId)} is managed by {owner}; applying this plan will fail because it "
                + $"cannot be {verb} directly. Change the add-on instead, or remove this resource from state.");
        }
    }
}
