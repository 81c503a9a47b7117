using PodIdentity.Emulator.Protocol;
using PodIdentity.Emulator.State;

namespace PodIdentity.Emulator.Eks;

/// <summary>Adds an association to a cluster, enforcing the per-cluster key and size limits.</summary>
internal static class AssociationFactory
{
    public const int MaxPerCluster = 5000;

    public static PodIdentityAssociation? FindByKey(Cluster cluster, string ns, string serviceAccount) =>
        cluster.Associations.Values.FirstOrDefault(a => a.Namespace == ns && a.ServiceAccount == serviceAccount);

    /// <summary>Throws before changing anything when the key is taken or the cluster is full.</summary>
    public static void CheckCanAdd(Cluster cluster, string ns, string serviceAccount)
    {
        if (FindByKey(cluster, ns, serviceAccount) is { } existing)
        {
            throw EksErrors.InUse($"Association already exists: {existing.Id} for namespace {ns} and service account {serviceAccount}.");
        }
        if (cluster.Associations.Count >= MaxPerCluster)
        {
            throw EksErrors.LimitExceeded($"Cluster {cluster.Name} already has the maximum of {MaxPerCluster} pod identity associations.");
        }
    }

    public static PodIdentityAssociation Add(Cluster cluster, string account, string ns, string serviceAccount,
        string roleArn, DateTimeOffset now)
    {
        string id;
        do
        {
            id = Ids.AssociationId();
        }
        while (cluster.Associations.ContainsKey(id));
        var association = new PodIdentityAssociation
        {
            Id = id,
            Arn = EksArns.Association(cluster.Region, account, cluster.Name, id),
            ClusterName = cluster.Name,
            Namespace = ns,
            ServiceAccount = serviceAccount,
            RoleArn = roleArn,
            CreatedAt = now,
            ModifiedAt = now,
        };
        cluster.Associations[id] = association;
        return association;
    }
}
