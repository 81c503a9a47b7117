using PodIdentity.Aws.Clients;
using PodIdentity.Plugin.Framework;
using PodIdentity.Plugin.Values;
using PodIdentity.Provider.Shared;
using N = PodIdentity.Provider.Addons.AddonNames;

namespace PodIdentity.Provider.Addons;

// Update: one UpdateAddon with only what changed, a wait on DescribeUpdate, then tags.
internal sealed partial class AddonResource
{
    protected override async Task UpdateObjectAsync(UpdateRequest request, UpdateResponse response, CancellationToken cancellationToken)
    {
        var context = Context;

        var prior = request.PriorState;
        var plan = request.Plan;
        var cluster = prior.GetString(N.ClusterName)!;
        var name = prior.GetString(N.AddonName)!;
        var id = AddonState.ImportId(cluster, name);
        var region = context.RegionOf(prior);
        var eks = context.EksFor(region);

        if (UpdateRequestFor(prior, plan) is { } input)
        {
            try
            {
                var update = await eks.UpdateAddonAsync(input, cancellationToken).ConfigureAwait(false);
                var timeout = AddonTimeouts.For(plan, N.Update, AddonTimeouts.UpdateDefault);
                var (last, timedOut) = await waiter.PollAsync(
                    ct => eks.DescribeUpdateAsync(cluster, update.Id!, name, ct),
                    u => u.Status != "InProgress",
                    timeout,
                    cancellationToken).ConfigureAwait(false);
                if (timedOut || last.Status != "Successful")
                {
                    var (readBack, current) = await ReadBackAsync(eks, context, prior, region, cancellationToken, response.Diagnostics).ConfigureAwait(false);
                    ReportUpdateFailure(response.Diagnostics, id, last, current?.Status, timedOut, timeout, plan);
                    response.State = readBack;
                    if (current is not null)
                    {
                        response.Private = AddonPrivate.WithRemoteNamespace(response.Private, current.NamespaceConfig?.Namespace);
                    }

                    return;
                }
            }
            catch (Exception e) when (AwsErrors.IsReportable(e))
            {
                AwsErrors.Add(response.Diagnostics, $"Error updating EKS Add-On ({id})", e);
                return;
            }
        }

        Addon? addon;
        try
        {
            addon = await eks.DescribeAddonAsync(cluster, name, cancellationToken).ConfigureAwait(false);
            var (set, remove) = ResourceTags.Diff(
                ResourceTags.Known(prior.GetAttribute(N.TagsAll)), ResourceTags.Known(plan.GetAttribute(N.TagsAll)), context.TagPolicy);
            if (remove.Count > 0)
            {
                await eks.UntagResourceAsync(addon.AddonArn!, remove, cancellationToken).ConfigureAwait(false);
            }

            if (set.Count > 0)
            {
                await eks.TagResourceAsync(addon.AddonArn!, set, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (AwsErrors.IsReportable(e))
        {
            AwsErrors.Add(response.Diagnostics, $"Error updating EKS Add-On ({id})", e);
            response.State = (await ReadBackAsync(eks, context, prior, region, cancellationToken, response.Diagnostics).ConfigureAwait(false)).State;
            return;
        }

        response.Private = AddonPrivate.WithRemoteNamespace(response.Private, addon.NamespaceConfig?.Namespace);
        var state = await StateAfterApplyAsync(eks, context, addon, plan, region, cancellationToken, response.Diagnostics).ConfigureAwait(false);
        response.State = state.WithAttribute(N.Tags, plan.GetAttribute(N.Tags)).WithAttribute(N.TagsAll, plan.GetAttribute(N.TagsAll));
    }

    /// <summary>The UpdateAddon call for what changed between state and plan, or null when only tags or local arguments changed.</summary>
    internal static UpdateAddonRequest? UpdateRequestFor(CtyValue prior, CtyValue plan)
    {
        var version = Changed(prior, plan, N.AddonVersion);
        var roleArn = Changed(prior, plan, N.ServiceAccountRoleArn);
        var values = plan.GetAttribute(N.ConfigurationValues);
        var valuesChanged = values.IsKnown && !AddonConfigValues.Equivalent(prior.GetString(N.ConfigurationValues), plan.GetString(N.ConfigurationValues));
        var before = AddonState.RequestedAssociations(prior);
        var after = AddonState.RequestedAssociations(plan);
        var associationsChanged = !before.SequenceEqual(after);
        if (!version && !roleArn && !valuesChanged && !associationsChanged)
        {
            return null;
        }

        return new UpdateAddonRequest(prior.GetString(N.ClusterName)!, prior.GetString(N.AddonName)!)
        {
            AddonVersion = version ? plan.GetString(N.AddonVersion) : null,
            // An empty string clears the role; null would leave it.
            ServiceAccountRoleArn = roleArn ? plan.GetString(N.ServiceAccountRoleArn) ?? "" : null,
            ConfigurationValues = valuesChanged ? plan.GetString(N.ConfigurationValues) ?? "" : null,
            PodIdentityAssociations = associationsChanged ? after : null,
            ResolveConflicts = plan.GetString(N.ResolveConflictsOnUpdate),
            ClientRequestToken = Guid.NewGuid().ToString(),
        };
    }

    private static bool Changed(CtyValue prior, CtyValue plan, string name)
    {
        var p = plan.GetAttribute(name);
        return p.IsKnown && !p.Equals(prior.GetAttribute(name));
    }

    private static void ReportUpdateFailure(
        Diagnostics diagnostics, string id, Update update, string? addonStatus, bool timedOut, TimeSpan timeout, CtyValue plan)
    {
        var status = addonStatus is null ? "" : $" The add-on is {addonStatus}.";
        if (timedOut)
        {
            diagnostics.AddError(
                $"Timed out waiting for EKS Add-On ({id}) update",
                $"The add-on was still {addonStatus ?? "in an unknown status"} when the update wait ran out after {AddonTimeouts.Format(timeout)} "
                + $"(timeouts.update; update {update.Id} {update.Status}). The add-on stays in state; run apply again once it settles, "
                + "or raise timeouts.update.");
            return;
        }

        var errors = update.Errors ?? [];
        var detail = errors.Count == 0
            ? "EKS gave no error details."
            : "Update errors:\n" + string.Join("\n", errors.Select(e => $"  - {e.ErrorCode}: {e.ErrorMessage}"));
        var conflict = errors.Any(e => (e.ErrorCode ?? "").Contains("Conflict", StringComparison.OrdinalIgnoreCase)
            || (e.ErrorMessage ?? "").Contains("conflict", StringComparison.OrdinalIgnoreCase));
        var hint = conflict && plan.GetString(N.ResolveConflictsOnUpdate) is null or "NONE"
            ? "\n\nThe add-on's objects were changed outside EKS. Set resolve_conflicts_on_update = \"OVERWRITE\" to replace those "
              + "changes, or \"PRESERVE\" to keep them."
            : "";
        diagnostics.AddError($"EKS Add-On ({id}) update {update.Id} {update.Status}", $"{detail}{status}{hint}");
    }

    // After a failed update: the add-on as it is now (and what EKS reported, when it could be read), so the next plan
    // retries the change.
    private static async Task<(CtyValue State, Addon? Addon)> ReadBackAsync(
        EksClient eks, AwsProviderContext context, CtyValue prior, string region, CancellationToken cancellationToken, Diagnostics diagnostics)
    {
        try
        {
            var addon = await eks.DescribeAddonAsync(prior.GetString(N.ClusterName)!, prior.GetString(N.AddonName)!, cancellationToken).ConfigureAwait(false);
            var associations = await ReadAssociationsAsync(eks, prior.GetString(N.ClusterName)!, addon, diagnostics, cancellationToken).ConfigureAwait(false);
            return (associations is null ? prior : AddonState.FromApi(addon, associations, prior, region, context.TagPolicy), addon);
        }
        catch (Exception e) when (AwsErrors.IsReportable(e))
        {
            Plugin.Logging.Log.Debug("could not read the add-on after a failed update", ("error", e.Message));
            return (prior, null);
        }
    }
}
