using System.Text.Json.Nodes;
using PodIdentity.Emulator.Protocol;

namespace PodIdentity.Emulator.Eks;

/// <summary>CreateCluster, DescribeCluster, ListClusters, DeleteCluster.</summary>
internal static class ClusterOperations
{
    public static JsonObject Create(EksCall call)
    {
        var name = call.RequiredString("name");
        if (!ClusterNames.IsValid(name))
        {
            throw EksErrors.InvalidParameter("The cluster name must be 1-100 characters, start with a letter or digit and contain only letters, digits, hyphens and underscores.");
        }
        var roleArn = call.RequiredString("roleArn");
        if (call.Body["resourcesVpcConfig"] is not JsonObject vpc)
        {
            throw EksErrors.InvalidParameter("resourcesVpcConfig is required.");
        }
        var version = call.String("version") ?? AddonCatalog.LatestKubernetesVersion;
        if (!AddonCatalog.KubernetesVersions.Contains(version))
        {
            throw EksErrors.InvalidParameter($"unsupported Kubernetes version {version}");
        }
        var tags = call.StringMap("tags") ?? [];
        TagRules.Validate(tags, EksErrors.InvalidParameter);
        var token = call.String("clientRequestToken");

        return call.Context.Store.Write(state =>
        {
            var region = state.Region(call.Region);
            if (region.Clusters.TryGetValue(name, out var existing))
            {
                if (token is not null && existing.ClientRequestToken == token)
                {
                    return new JsonObject { ["cluster"] = ClusterJson.Write(existing) };
                }
                throw EksErrors.InUse($"Cluster already exists with name: {name}");
            }
            var cluster = ClusterFactory.Create(state.AccountId, call.Region, name, version, roleArn,
                call.Now + call.Context.AddonTransition, call.Now);
            cluster.ClientRequestToken = token;
            cluster.Tags = tags;
            var stored = (JsonObject)vpc.DeepClone();
            stored.Remove("controlPlaneEgressMode");
            cluster.VpcConfig = stored;
            region.Clusters[name] = cluster;
            return new JsonObject { ["cluster"] = ClusterJson.Write(cluster) };
        });
    }

    public static JsonObject Describe(EksCall call) =>
        call.Context.Store.Read(state => new JsonObject { ["cluster"] = ClusterJson.Write(call.Cluster(state, call.Label("name"))) });

    public static JsonObject List(EksCall call)
    {
        var max = call.MaxResults();
        var token = call.Query("nextToken");
        return call.Context.Store.Read(state =>
        {
            var names = state.Regions.TryGetValue(call.Region, out var region) ? region.Clusters.Keys.ToList() : [];
            var (page, next) = Pagination.Page(names, n => n, max, token, call.ClientError);
            var json = new JsonObject { ["clusters"] = new JsonArray(page.Select(n => (JsonNode)n).ToArray()) };
            if (next is not null)
            {
                json["nextToken"] = next;
            }
            return json;
        });
    }

    public static JsonObject Delete(EksCall call) =>
        call.Context.Store.Write(state =>
        {
            var cluster = call.Cluster(state, call.Label("name"));
            // Associations and add-ons go with the cluster, as when EKS finishes deleting it.
            state.Regions[call.Region].Clusters.Remove(cluster.Name);
            cluster.Status = "DELETING";
            return new JsonObject { ["cluster"] = ClusterJson.Write(cluster) };
        });
}
