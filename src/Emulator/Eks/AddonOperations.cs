using System.Text.Json.Nodes;
using PodIdentity.Emulator.Protocol;
using PodIdentity.Emulator.State;

namespace PodIdentity.Emulator.Eks;

/// <summary>CreateAddon, DescribeAddon, ListAddons, UpdateAddon, DeleteAddon and DescribeUpdate.</summary>
internal static class AddonOperations
{
    public static JsonObject Create(EksCall call)
    {
        var addonName = call.RequiredString("addonName");
        var tags = call.StringMap("tags") ?? [];
        TagRules.Validate(tags, EksErrors.InvalidParameter);
        var token = call.String("clientRequestToken");
        var customNamespace = (call.Body["namespaceConfig"] as JsonObject)?["namespace"]?.GetValue<string>();
        if (customNamespace is { Length: < 1 or > 63 })
        {
            throw EksErrors.InvalidParameter("namespaceConfig.namespace must be 1-63 characters long.");
        }

        return call.Context.Store.Write(state =>
        {
            var cluster = ClusterOf(call, state);
            if (cluster.Addons.TryGetValue(addonName, out var existing))
            {
                if (token is not null && existing.ClientRequestToken == token)
                {
                    return Wrap(cluster, existing);
                }
                throw EksErrors.InUse($"Addon already exists: {addonName}");
            }
            var request = AddonRequest.Read(call, addonName, cluster.Version);
            var ns = customNamespace ?? request.Definition.DefaultNamespace;
            request.CheckAgainst(call, state, cluster, ns, owner: null);
            var version = request.Version ?? request.Definition.DefaultFor(cluster.Version)?.Version
                ?? throw EksErrors.InvalidParameter($"Addon {addonName} has no default version for {cluster.Version} kubernetes version");

            var addon = new Addon
            {
                Name = addonName,
                ClusterName = cluster.Name,
                Arn = EksArns.Addon(cluster.Region, state.AccountId, cluster.Name, addonName, Ids.Uuid()),
                Version = version,
                Namespace = ns,
                CreatedAt = call.Now,
                ServiceAccountRoleArn = request.ServiceAccountRoleArn,
                ConfigurationValues = request.ConfigurationValues,
                ResolveConflicts = request.ResolveConflicts,
                Tags = tags,
                ClientRequestToken = token,
            };
            cluster.Addons[addonName] = addon;
            request.ApplyPodIdentity(cluster, state.AccountId, addon, call.Now);
            AddonLifecycle.Start(call.Context, addon, "create", null, call.Now);
            return Wrap(cluster, addon);
        });
    }

    public static JsonObject Describe(EksCall call) =>
        call.Context.Store.Read(state =>
        {
            var (cluster, addon) = Find(call, state);
            return Wrap(cluster, addon);
        });

    public static JsonObject List(EksCall call)
    {
        var max = call.MaxResults();
        var token = call.Query("nextToken");
        return call.Context.Store.Read(state =>
        {
            var cluster = ClusterOf(call, state);
            var (page, next) = Pagination.Page(cluster.Addons.Keys, n => n, max, token, call.ClientError);
            var json = new JsonObject { ["addons"] = new JsonArray(page.Select(n => (JsonNode)n).ToArray()) };
            if (next is not null)
            {
                json["nextToken"] = next;
            }
            return json;
        });
    }

    public static JsonObject Update(EksCall call) =>
        call.Context.Store.Write(state =>
        {
            var (cluster, addon) = Find(call, state);
            if (addon.Status is "CREATING" or "UPDATING" or "DELETING")
            {
                throw EksErrors.InUse($"Addon {addon.Name} is currently {addon.Status} and cannot be updated.");
            }
            var request = AddonRequest.Read(call, addon.Name, cluster.Version);
            request.CheckAgainst(call, state, cluster, addon.Namespace, addon);

            var update = new AddonUpdate { Id = Ids.Uuid(), CreatedAt = call.Now };
            void Param(string type, string? value)
            {
                if (value is not null)
                {
                    update.Params.Add(KeyValuePair.Create(type, value));
                }
            }
            Param("AddonVersion", request.Version);
            Param("ServiceAccountRoleArn", request.ServiceAccountRoleArn);
            Param("ResolveConflicts", request.ResolveConflicts);
            Param("ConfigurationValues", request.ConfigurationValues);
            if (request.PodIdentity is not null)
            {
                Param("PodIdentityAssociations", new JsonArray(request.PodIdentity
                    .Select(p => (JsonNode)new JsonObject { ["serviceAccount"] = p.ServiceAccount, ["roleArn"] = p.RoleArn })
                    .ToArray()).ToJsonString());
            }

            addon.Version = request.Version ?? addon.Version;
            addon.ServiceAccountRoleArn = request.ServiceAccountRoleArn ?? addon.ServiceAccountRoleArn;
            addon.ResolveConflicts = request.ResolveConflicts ?? addon.ResolveConflicts;
            // New configuration values take effect only when the update succeeds (AddonLifecycle.Settle).
            addon.PendingConfigurationValues = request.ConfigurationValues;
            request.ApplyPodIdentity(cluster, state.AccountId, addon, call.Now);
            addon.Updates[update.Id] = update;
            AddonLifecycle.Start(call.Context, addon, "update", update.Id, call.Now);
            return new JsonObject { ["update"] = AddonJson.Update(update) };
        });

    public static JsonObject Delete(EksCall call)
    {
        var preserve = call.Query("preserve");
        if (preserve is not null and not "true" and not "false")
        {
            throw EksErrors.InvalidParameter("preserve must be true or false.");
        }
        return call.Context.Store.Write(state =>
        {
            var (cluster, addon) = Find(call, state);
            if (addon.Status != "DELETING")
            {
                AddonLifecycle.Start(call.Context, addon, "delete", null, call.Now);
            }
            return Wrap(cluster, addon);
        });
    }

    public static JsonObject DescribeUpdate(EksCall call)
    {
        var updateId = call.Label("updateId");
        var addonName = call.Query("addonName");
        return call.Context.Store.Read(state =>
        {
            var cluster = call.Cluster(state, call.Label("name"));
            var update = addonName is not null && cluster.Addons.TryGetValue(addonName, out var addon)
                ? addon.Updates.GetValueOrDefault(updateId)
                : null;
            if (addonName is not null && !cluster.Addons.ContainsKey(addonName))
            {
                throw EksErrors.NotFound($"No addon: {addonName} found in cluster: {cluster.Name}");
            }
            return update is null
                ? throw EksErrors.NotFound($"No update found for ID: {updateId}")
                : new JsonObject { ["update"] = AddonJson.Update(update) };
        });
    }

    private static (Cluster, Addon) Find(EksCall call, EmulatorState state)
    {
        var cluster = ClusterOf(call, state);
        var name = call.Label("addonName");
        return cluster.Addons.TryGetValue(name, out var addon)
            ? (cluster, addon)
            : throw EksErrors.NotFound($"No addon: {name} found in cluster: {cluster.Name}");
    }

    // The add-on operations take the model's ClusterName shape, so a malformed name is a parameter error.
    private static Cluster ClusterOf(EksCall call, EmulatorState state)
    {
        var name = call.Label("name");
        return ClusterNames.IsValid(name)
            ? call.Cluster(state, name)
            : throw EksErrors.InvalidParameter($"Cluster name {name} does not match ^[0-9A-Za-z][A-Za-z0-9\\-_]* or is longer than 100 characters.");
    }

    private static JsonObject Wrap(Cluster cluster, Addon addon) => new() { ["addon"] = AddonJson.Write(cluster, addon) };
}
