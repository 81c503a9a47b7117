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

    public override Task ModifyPlanAsync(ModifyPlanRequest request, ModifyPlanResponse response, CancellationToken cancellationToken)
    {
        var context = ContextIfConfigured;
        if (request.IsDestroy)
        {
            WarnIfOwned(request.PriorState, "destroyed", response.Diagnostics);
            return Task.CompletedTask;
        }

        var prior = request.PriorState;
        var plan = RegionAndTagsPlan.Apply(request, response, context, AssociationNames.TaggedObject);
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

        // owner_arn and external_id (while the target stays) keep their state by their plan modifiers; the external id
        // goes with a removed target.
        if (plan.GetAttribute(AssociationNames.TargetRoleArn) is { IsKnown: true, IsNull: true })
        {
            plan = plan.WithNull(AssociationNames.ExternalId);
        }

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
