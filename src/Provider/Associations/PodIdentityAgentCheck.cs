using System.Collections.Concurrent;
using PodIdentity.Aws.Clients;
using PodIdentity.Plugin.Framework;
using PodIdentity.Plugin.Logging;
using PodIdentity.Provider.Addons;
using PodIdentity.Provider.Shared;

namespace PodIdentity.Provider.Associations;

/// <summary>
/// The association's plan-time check that its cluster runs the eks-pod-identity-agent add-on: without it no
/// association gives a pod credentials. One per configured provider (<see cref="AwsProviderContext.AgentCheck"/>),
/// switched off only by the provider's <c>skip_pod_identity_agent_check</c>. One DescribeAddon per cluster, shared by
/// every association of that cluster; an agent add-on planned for creation counts as present. Terraform plans an
/// add-on before an association only when the association depends on it, so that is the order the result may rely
/// on. Any failure of the check itself stays silent (it only warns).
/// </summary>
internal sealed class PodIdentityAgentCheck(AwsProviderContext context, bool skipped) : IDisposable
{
    private readonly ConcurrentDictionary<(string Region, string Cluster), Lazy<Task<string?>>> _status = new();
    private readonly ConcurrentDictionary<(string Region, string Cluster), bool> _beingCreated = new();

    // The shared DescribeAddon belongs to no single plan call: it ends with the provider, not with its first caller.
    private readonly CancellationTokenSource _lifetime = new();

    public bool Skipped { get; } = skipped;

    /// <summary>Called by the add-on's plan when it creates the agent.</summary>
    public void NoteBeingCreated(string region, string cluster) => _beingCreated[(region, cluster)] = true;

    /// <summary>Adds the warning when the cluster's agent is missing or not ACTIVE.</summary>
    public async Task WarnIfMissingAsync(string region, string cluster, Diagnostics diagnostics, CancellationToken cancellationToken)
    {
        if (Skipped || _beingCreated.ContainsKey((region, cluster)))
        {
            return;
        }

        var status = await _status.GetOrAdd((region, cluster), key => new Lazy<Task<string?>>(() => StatusAsync(key.Region, key.Cluster)))
            .Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (status is "ACTIVE" or "unknown" || _beingCreated.ContainsKey((region, cluster)))
        {
            return;
        }

        var state = status is null ? "is not installed" : $"is {status}, not ACTIVE";
        diagnostics.AddWarning(
            "EKS Pod Identity Agent not running",
            $"The {AddonNames.PodIdentityAgent} add-on on cluster {cluster} ({region}) {state}. Pods will not get credentials from "
            + "this association until the agent runs: add an aws_eks_addon with addon_name = \"eks-pod-identity-agent\" "
            + "(or set skip_pod_identity_agent_check = true in the provider if the agent is installed another way). "
            + "If this configuration already creates the add-on, give the association depends_on = [aws_eks_addon.<name>] "
            + "so that Terraform plans the add-on first and this check sees it.",
            Plugin.Values.AttributePath.Root.Attribute(AssociationNames.ClusterName));
    }

    public void Dispose()
    {
        _lifetime.Cancel();
        _lifetime.Dispose();
    }

    // The agent's status; null when it is not installed; "unknown" when the check could not tell.
    private async Task<string?> StatusAsync(string region, string cluster)
    {
        try
        {
            var addon = await context.EksFor(region).DescribeAddonAsync(cluster, AddonNames.PodIdentityAgent, _lifetime.Token).ConfigureAwait(false);
            return addon.Status ?? "unknown";
        }
        catch (AwsApiException e) when (e.IsNotFound && (e.ErrorMessage ?? "").Contains("addon", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        catch (Exception e) when (AwsErrors.IsReportable(e) || e is OperationCanceledException)
        {
            Log.Debug("pod identity agent check could not read the add-on", ("cluster", cluster), ("error", e.Message));
            return "unknown";
        }
    }
}
