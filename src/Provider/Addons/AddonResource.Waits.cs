using PodIdentity.Aws.Clients;
using PodIdentity.Plugin.Framework;
using PodIdentity.Plugin.Values;
using PodIdentity.Provider.Shared;
using N = PodIdentity.Provider.Addons.AddonNames;

namespace PodIdentity.Provider.Addons;

// Waiting for an add-on to settle, and the state recorded afterwards whatever the outcome.
internal sealed partial class AddonResource
{
    /// <summary>
    /// Polls DescribeAddon while the add-on is <paramref name="pending"/> (and DEGRADED unless accepted). Returns the
    /// last add-on seen (null when it could not be read); timeouts and read errors become diagnostics.
    /// </summary>
    private async Task<Addon?> WaitForStatusAsync(
        EksClient eks, string cluster, string name, string pending, bool acceptDegraded, TimeSpan timeout,
        CancellationToken cancellationToken, Diagnostics diagnostics, string what)
    {
        var id = AddonState.ImportId(cluster, name);
        try
        {
            var (last, timedOut) = await waiter.PollAsync(
                ct => eks.DescribeAddonAsync(cluster, name, ct),
                a => a.Status != pending && (a.Status != "DEGRADED" || acceptDegraded),
                timeout,
                cancellationToken).ConfigureAwait(false);
            if (timedOut)
            {
                var operation = what == "creation" ? N.Create : N.Update;
                var hint = last.Status == "DEGRADED"
                    ? "\n\nSet accept_degraded = true to count a DEGRADED add-on as done instead of waiting for ACTIVE."
                    : "";
                diagnostics.AddError(
                    $"Timed out waiting for EKS Add-On ({id}) {what}",
                    $"The add-on was still {last.Status} when the {what} wait ran out after {AddonTimeouts.Format(timeout)} (timeouts.{operation}). "
                    + $"{AddonState.DescribeIssues(last)}{hint}\n\nThe add-on stays in state; the next plan shows what to do.");
            }
            else if (last.Status == "DEGRADED")
            {
                diagnostics.AddWarning(
                    $"EKS Add-On ({id}) is DEGRADED",
                    $"accept_degraded is set, so the {what} counts as done. {AddonState.DescribeIssues(last)}");
            }

            return last;
        }
        catch (Exception e) when (AwsErrors.IsReportable(e))
        {
            AwsErrors.Add(diagnostics, $"Error waiting for EKS Add-On ({id}) {what}", e);
            return null;
        }
    }

    /// <summary>The state after create or update: what AWS reports when it could be read, else the plan made known.</summary>
    private static async Task<CtyValue> StateAfterApplyAsync(
        EksClient eks, AwsProviderContext context, Addon? addon, CtyValue plan, string region, CancellationToken cancellationToken, Diagnostics diagnostics)
    {
        if (addon is not null)
        {
            var associations = await ReadAssociationsAsync(eks, plan.GetString(N.ClusterName)!, addon, diagnostics, cancellationToken).ConfigureAwait(false);
            if (associations is not null)
            {
                // Terraform requires every value the plan knew to come back unchanged; AWS fills in the rest.
                return KeepPlanned(AddonState.FromApi(addon, associations, plan, region, context.TagPolicy), plan);
            }
        }

        return NullUnknowns(plan.WithString(N.Region, region).WithString(N.Id, AddonState.ImportId(plan.GetString(N.ClusterName)!, plan.GetString(N.AddonName)!)));
    }

    private static CtyValue KeepPlanned(CtyValue state, CtyValue plan)
    {
        foreach (var name in ((ObjectType)plan.Type).AttributeTypes.Keys)
        {
            var planned = plan.GetAttribute(name);
            if (planned.IsWhollyKnown)
            {
                state = state.WithAttribute(name, planned);
            }
        }

        return state;
    }

    private static CtyValue NullUnknowns(CtyValue value)
    {
        foreach (var (name, type) in ((ObjectType)value.Type).AttributeTypes)
        {
            if (!value.GetAttribute(name).IsKnown)
            {
                value = value.WithAttribute(name, CtyValue.Null(type));
            }
        }

        return value;
    }
}
