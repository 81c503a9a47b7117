using System.Text.Json.Nodes;
using PodIdentity.Emulator.Protocol;
using PodIdentity.Emulator.State;

namespace PodIdentity.Emulator.Eks;

/// <summary>TagResource, UntagResource, ListTagsForResource on clusters, add-ons and associations.</summary>
internal static class TagOperations
{
    public static JsonObject Tag(EksCall call)
    {
        var tags = call.StringMap("tags");
        if (tags is null || tags.Count == 0)
        {
            throw EksErrors.BadRequest("tags must contain at least one tag.");
        }
        return call.Context.Store.Write(state =>
        {
            var target = Resolve(call, state);
            var merged = new Dictionary<string, string>(target, StringComparer.Ordinal);
            foreach (var (k, v) in tags)
            {
                merged[k] = v;
            }
            TagRules.Validate(merged, EksErrors.BadRequest);
            foreach (var (k, v) in tags)
            {
                target[k] = v;
            }
            return new JsonObject();
        });
    }

    public static JsonObject Untag(EksCall call)
    {
        var keys = call.QueryAll("tagKeys");
        if (keys.Count is 0 or > TagRules.MaxTags)
        {
            throw EksErrors.BadRequest("tagKeys must contain between 1 and 50 keys.");
        }
        foreach (var key in keys)
        {
            TagRules.CheckKey(key, EksErrors.BadRequest);
        }
        return call.Context.Store.Write(state =>
        {
            var target = Resolve(call, state);
            foreach (var key in keys)
            {
                target.Remove(key);
            }
            return new JsonObject();
        });
    }

    public static JsonObject List(EksCall call) =>
        call.Context.Store.Read(state => new JsonObject { ["tags"] = ClusterJson.TagsJson(Resolve(call, state)) });

    /// <summary>The live tag dictionary of the resource the ARN names.</summary>
    private static Dictionary<string, string> Resolve(EksCall call, EmulatorState state)
    {
        var arn = call.Label("resourceArn");
        if (EksArns.Parse(arn) is not ("eks", var region, var account, var resource))
        {
            throw EksErrors.BadRequest($"{arn} is not a valid EKS resource ARN.");
        }
        var parts = resource.Split('/');
        var notFound = EksErrors.TagNotFound($"Resource {arn} was not found.");
        if (account != state.AccountId || region != call.Region || !state.Regions.TryGetValue(region, out var regionState))
        {
            throw notFound;
        }
        Cluster? Cluster(string name)
        {
            if (!regionState.Clusters.TryGetValue(name, out var c))
            {
                return null;
            }
            ClusterLifecycle.Settle(c, call.Now);
            return c;
        }
        switch (parts)
        {
            case ["cluster", var name]:
                return Cluster(name)?.Tags ?? throw notFound;
            case ["podidentityassociation", var clusterName, var id]:
                return Cluster(clusterName)?.Associations.GetValueOrDefault(id)?.Tags ?? throw notFound;
            case ["addon", var clusterName, var addonName, _]:
                var addon = Cluster(clusterName)?.Addons.GetValueOrDefault(addonName);
                return addon is not null && addon.Arn == arn ? addon.Tags : throw notFound;
            case ["cluster" or "podidentityassociation" or "addon", ..]:
                throw EksErrors.BadRequest($"{arn} is not a valid EKS resource ARN.");
            default:
                throw EksErrors.BadRequest($"Resource type in {arn} does not support tagging.");
        }
    }
}
