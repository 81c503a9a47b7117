using PodIdentity.Emulator.State;

namespace PodIdentity.Emulator.Eks;

/// <summary>
/// Time-based status changes, computed when a cluster is looked at: the result depends only on persisted
/// timestamps, so it is the same after a restart.
/// </summary>
internal static class ClusterLifecycle
{
    public static void Settle(Cluster cluster, DateTimeOffset now)
    {
        if (cluster.Status == "CREATING" && cluster.ActiveAt is { } activeAt && now >= activeAt)
        {
            cluster.Status = "ACTIVE";
            cluster.ActiveAt = null;
        }
        foreach (var addon in cluster.Addons.Values.ToList())
        {
            AddonLifecycle.Settle(cluster, addon, now);
        }
    }
}
