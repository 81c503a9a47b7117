using System.Text.Json;
using System.Text.Json.Nodes;

namespace PodIdentity.Emulator.State;

/// <summary>Builds the initial state from the --seed JSON file (clusters and roles).</summary>
internal static class SeedFile
{
    public static EmulatorState Build(string? path, string defaultAccountId, DateTimeOffset now)
    {
        var state = new EmulatorState { AccountId = defaultAccountId };
        if (path is null)
        {
            return state;
        }
        var root = JsonNode.Parse(File.ReadAllText(path)) as JsonObject
            ?? throw new InvalidDataException($"seed file {path} must hold a JSON object");
        if (root["accountId"] is JsonValue account)
        {
            state.AccountId = account.GetValue<string>();
        }
        foreach (var node in root["roles"] as JsonArray ?? [])
        {
            var role = (JsonObject)node!;
            var name = Required(role, "name");
            var policy = role["assumeRolePolicyDocument"] switch
            {
                JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
                JsonNode other => other.ToJsonString(),
                null => DefaultTrustPolicy,
            };
            var tags = new List<KeyValuePair<string, string>>();
            switch (role["tags"])
            {
                case JsonObject map:
                    tags.AddRange(map.Select(kv => KeyValuePair.Create(kv.Key, kv.Value!.GetValue<string>())));
                    break;
                case JsonArray list:
                    tags.AddRange(list.Select(t => KeyValuePair.Create(
                        t!["Key"]?.GetValue<string>() ?? t["key"]!.GetValue<string>(),
                        t["Value"]?.GetValue<string>() ?? t["value"]!.GetValue<string>())));
                    break;
            }
            state.Roles[name] = Iam.RoleFactory.Create(state.AccountId, name,
                role["path"]?.GetValue<string>() ?? "/", policy, null, tags, now);
        }
        foreach (var node in root["clusters"] as JsonArray ?? [])
        {
            var c = (JsonObject)node!;
            var cluster = Eks.ClusterFactory.Create(state.AccountId, Required(c, "region"), Required(c, "name"),
                c["version"]?.GetValue<string>() ?? Eks.AddonCatalog.LatestKubernetesVersion,
                $"arn:aws:iam::{state.AccountId}:role/eks-cluster-role", null, now);
            cluster.Status = c["status"]?.GetValue<string>() ?? "ACTIVE";
            cluster.ActiveAt = null;
            state.Region(cluster.Region).Clusters[cluster.Name] = cluster;
        }
        return state;
    }

    private const string DefaultTrustPolicy =
        """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"pods.eks.amazonaws.com"},"Action":["sts:AssumeRole","sts:TagSession"]}]}""";

    private static string Required(JsonObject o, string name) =>
        o[name]?.GetValue<string>() ?? throw new InvalidDataException($"seed entry is missing \"{name}\"");
}
