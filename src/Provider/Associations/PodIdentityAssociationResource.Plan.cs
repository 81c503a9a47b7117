using PodIdentity.Plugin.Framework;
using PodIdentity.Plugin.Values;
using PodIdentity.Provider.Checks;
using PodIdentity.Provider.Shared;

namespace PodIdentity.Provider.Associations;

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
        var policy = config.GetAttribute(AssociationNames.Policy);
        var disable = config.GetAttribute(AssociationNames.DisableSessionTags);
        if (policy.IsKnown && !policy.IsNull && disable.IsKnown && (disable.IsNull || !disable.AsBool()))
        {
            diagnostics.AddError(
                "Session policy needs disable_session_tags",
                "EKS applies a session policy only to associations that add no session tags: set disable_session_tags = true "
                + "together with policy, or remove policy.",
                AttributePath.Root.Attribute(AssociationNames.Policy));
        }
    }

    public Task ModifyPlanAsync(ModifyPlanRequest request, ModifyPlanResponse response, CancellationToken cancellationToken)
    {
        var context = ContextIfConfigured;
        if (request.IsDestroy)
        {
            WarnIfOwned(request.PriorState, "destroyed", response.Diagnostics);
            return Task.CompletedTask;
        }

        var config = request.Config;
        var prior = request.PriorState;
        var plan = response.Plan;

        // The provider's region when the resource names none; a different region means a different object.
        if (config.GetAttribute(AssociationNames.Region).IsNull)
        {
            plan = context is null ? plan.WithUnknown(AssociationNames.Region) : plan.WithString(AssociationNames.Region, context.Region);
        }

        if (!request.IsCreate && plan.GetAttribute(AssociationNames.Region).IsKnown && !plan.GetAttribute(AssociationNames.Region).Equals(prior.GetAttribute(AssociationNames.Region)))
        {
            response.RequiresReplace.Add(AttributePath.Root.Attribute(AssociationNames.Region));
        }

        var tagsAll = context is null
            ? CtyValue.Unknown(CtyType.Map(CtyType.String))
            : ResourceTags.PlanTagsAll(config.GetAttribute(AssociationNames.Tags), context.TagPolicy);
        plan = plan.WithAttribute(AssociationNames.TagsAll, tagsAll);
        if (tagsAll.IsKnown && tagsAll.Count > EksValidators.MaxTags)
        {
            response.Diagnostics.AddError(
                "Too Many Tags",
                $"EKS allows at most {EksValidators.MaxTags} tags on a pod identity association; tags with the provider's "
                + $"default_tags come to {tagsAll.Count}.",
                AttributePath.Root.Attribute(AssociationNames.Tags));
        }

        if (!request.IsCreate)
        {
            plan = PlanUpdate(prior, plan, response.Diagnostics);
        }

        response.Plan = plan;
        return context is null ? Task.CompletedTask : RunPlanChecksAsync(context, request, plan, response.Diagnostics, cancellationToken);
    }

    // The plan-time checks; each keeps its state with the configured provider. The agent check looks at new
    // associations only; the others (Checks/AssociationChecks) also at changed roles and clusters.
    private static async Task RunPlanChecksAsync(
        AwsProviderContext context, ModifyPlanRequest request, CtyValue plan, Diagnostics diagnostics, CancellationToken cancellationToken)
    {
        if (request.IsCreate && plan.GetString(AssociationNames.ClusterName) is { } cluster && plan.GetString(AssociationNames.Region) is { } region)
        {
            await context.AgentCheck.WarnIfMissingAsync(region, cluster, diagnostics, cancellationToken).ConfigureAwait(false);
        }

        if (context.AssociationChecks is { } checks)
        {
            await checks.PlanAsync(
                AssociationFacts.From(plan, request.PriorPrivate),
                request.IsCreate ? null : AssociationFacts.From(request.PriorState),
                diagnostics,
                cancellationToken).ConfigureAwait(false);
        }
    }

    private static CtyValue PlanUpdate(CtyValue prior, CtyValue plan, Diagnostics diagnostics)
    {
        // A reformatted but equivalent policy keeps the stored text: no change to show or apply.
        var planPolicy = plan.GetAttribute(AssociationNames.Policy);
        if (planPolicy.IsKnown && PolicyDocument.Equivalent(prior.GetString(AssociationNames.Policy), plan.GetString(AssociationNames.Policy)))
        {
            plan = plan.WithAttribute(AssociationNames.Policy, prior.GetAttribute(AssociationNames.Policy));
        }

        // An add-on owner is fixed for the life of the association (null included, which UseStateForUnknown skips).
        plan = plan.WithAttribute(AssociationNames.OwnerArn, prior.GetAttribute(AssociationNames.OwnerArn));

        // external_id belongs to the target role: it stays while the target stays and goes with it.
        var target = plan.GetAttribute(AssociationNames.TargetRoleArn);
        plan = !target.IsKnown ? plan.WithUnknown(AssociationNames.ExternalId)
            : target.Equals(prior.GetAttribute(AssociationNames.TargetRoleArn)) ? plan.WithAttribute(AssociationNames.ExternalId, prior.GetAttribute(AssociationNames.ExternalId))
            : target.IsNull ? plan.WithNull(AssociationNames.ExternalId)
            : plan.WithUnknown(AssociationNames.ExternalId);

        var updates = AssociationChanges.NeedsUpdateCall(prior, plan);
        plan = updates ? plan.WithUnknown(AssociationNames.ModifiedAt) : plan.WithAttribute(AssociationNames.ModifiedAt, prior.GetAttribute(AssociationNames.ModifiedAt));
        if (updates || !plan.GetAttribute(AssociationNames.TagsAll).Equals(prior.GetAttribute(AssociationNames.TagsAll)))
        {
            WarnIfOwned(prior, "updated", diagnostics);
        }

        return plan;
    }

    private static void WarnIfOwned(CtyValue prior, string verb, Diagnostics diagnostics)
    {
        if (prior.GetString(AssociationNames.OwnerArn) is { } owner)
        {
            diagnostics.AddWarning(
                "EKS Pod Identity Association is owned by an add-on",
                $"Association {prior.GetString(AssociationNames.AssociationId)} is managed by {owner}; applying this plan will fail because it "
                + $"cannot be {verb} directly. Change the add-on instead, or remove this resource from state.");
        }
    }
}
