using PodIdentity.Emulator.State;

namespace PodIdentity.Emulator.Eks;

/// <summary>Builds a cluster record with the generated parts AWS fills in (ARN, id, endpoint).</summary>
internal static class ClusterFactory
{
    public static Cluster Create(string account, string region, string name, string version, string roleArn,
        DateTimeOffset? activeAt, DateTimeOffset now) => new()
        {
            Name = name,
            Region = region,
            Arn = EksArns.Cluster(region, account, name),
            Version = version,
            RoleArn = roleArn,
            Id = Ids.Uuid(),
            CreatedAt = now,
            Status = activeAt is null ? "ACTIVE" : "CREATING",
            ActiveAt = activeAt,
        };
}
