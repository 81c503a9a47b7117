using PodIdentity.Plugin.Framework;
using PodIdentity.Plugin.Values;
using PodIdentity.Provider.Shared;
using N = PodIdentity.Provider.Addons.AddonNames;

namespace PodIdentity.Provider.Addons;

// Plan-time logic: region and tags_all (the shared RegionAndTagsPlan), configuration_values compared by value,
// namespace replacement, and which computed values an update makes unknown.
internal sealed partial class AddonResource
{
    public override Task ModifyPlanAsync(ModifyPlanRequest request, ModifyPlanResponse response, CancellationToken cancellationToken)
    {
        if (request.IsDestroy)
        {
            return Task.CompletedTask;
        }

        var context = ContextIfConfigured;
        var prior = request.PriorState;
        var plan = RegionAndTagsPlan.Apply(request, response, context, N.TaggedObject);
        if (request.IsCreate)
        {
            if (context is not null && plan.GetString(N.AddonName) == N.PodIdentityAgent && plan.GetString(N.ClusterName) is { } cluster
                && plan.GetAttribute(N.Region).IsKnown)
            {
                context.AgentCheck.NoteBeingCreated(plan.GetString(N.Region)!, cluster);
            }
        }
        else
        {
            plan = PlanUpdate(prior, plan, AddonPrivate.RemoteNamespace(request.PriorPrivate), response);
        }

        response.Plan = plan;
        return Task.CompletedTask;
    }

    private static CtyValue PlanUpdate(CtyValue prior, CtyValue plan, string? remoteNamespace, ModifyPlanResponse response)
    {
        // The same document reformatted (or as YAML instead of JSON) keeps the stored text: no change.
        var values = plan.GetAttribute(N.ConfigurationValues);
        if (values.IsKnown && AddonConfigValues.Equivalent(prior.GetString(N.ConfigurationValues), plan.GetString(N.ConfigurationValues)))
        {
            plan = plan.WithAttribute(N.ConfigurationValues, prior.GetAttribute(N.ConfigurationValues));
        }

        // After an import the block is empty even when the add-on runs elsewhere; configuring the namespace it already
        // runs in only records the block (an in-place change with no UpdateAddon), anything else moves it.
        var namespaceConfig = plan.GetAttribute(N.NamespaceConfig);
        var priorNamespace = AddonState.NamespaceOf(prior);
        var plannedNamespace = AddonState.NamespaceOf(plan);
        var recordsRemote = priorNamespace is null && plannedNamespace is not null && plannedNamespace == remoteNamespace;
        if (namespaceConfig.IsWhollyKnown && priorNamespace != plannedNamespace && !recordsRemote)
        {
            response.RequiresReplace.Add(AttributePath.Root.Attribute(N.NamespaceConfig));
        }

        var updates = UpdateRequestFor(prior, plan) is not null || !plan.GetAttribute(N.PodIdentityAssociation).IsWhollyKnown;
        foreach (var name in new[] { N.ModifiedAt, N.Status, N.HealthIssues })
        {
            plan = updates ? plan.WithUnknown(name) : plan.WithAttribute(name, prior.GetAttribute(name));
        }

        return plan;
    }
}
