using System.Text.Json.Nodes;
using PodIdentity.Emulator.Protocol;

namespace PodIdentity.Emulator.Eks;

/// <summary>DescribeAddonVersions and DescribeAddonConfiguration, answered from the catalog.</summary>
internal static class AddonCatalogOperations
{
    public static JsonObject DescribeVersions(EksCall call)
    {
        var kubernetesVersion = call.Query("kubernetesVersion");
        var addonName = call.Query("addonName");
        var types = call.QueryAll("types");
        var publishers = call.QueryAll("publishers");
        var owners = call.QueryAll("owners");
        var max = call.MaxResults();
        var matching = AddonCatalog.Addons
            .Where(a => addonName is null || a.Name == addonName)
            .Where(a => types.Count == 0 || types.Contains(a.Type))
            .Where(_ => publishers.Count == 0 || publishers.Contains("eks"))
            .Where(_ => owners.Count == 0 || owners.Contains("aws"))
            .Select(a => (Definition: a, Versions: a.Versions
                .Where(v => kubernetesVersion is null || v.ClusterVersions.Contains(kubernetesVersion)).ToList()))
            .Where(a => a.Versions.Count > 0);
        var (page, next) = Pagination.Page(matching, a => a.Definition.Name, max, call.Query("nextToken"), call.ClientError);
        var json = new JsonObject
        {
            ["addons"] = new JsonArray(page.Select(a => (JsonNode)Info(a.Definition, a.Versions, kubernetesVersion)).ToArray()),
        };
        if (next is not null)
        {
            json["nextToken"] = next;
        }
        return json;
    }

    public static JsonObject DescribeConfiguration(EksCall call)
    {
        var addonName = call.Query("addonName");
        var addonVersion = call.Query("addonVersion");
        if (string.IsNullOrEmpty(addonName) || string.IsNullOrEmpty(addonVersion))
        {
            throw EksErrors.InvalidParameter("addonName and addonVersion are required.");
        }
        var definition = AddonCatalog.Find(addonName)
            ?? throw EksErrors.InvalidParameter($"Addon {addonName} specified is not supported");
        if (definition.Find(addonVersion) is null)
        {
            throw EksErrors.InvalidParameter($"Addon version {addonVersion} specified is not supported for addon {addonName}");
        }
        var podIdentity = new JsonArray();
        if (definition.PodIdentityServiceAccount is { } sa)
        {
            podIdentity.Add(new JsonObject
            {
                ["serviceAccount"] = sa,
                ["recommendedManagedPolicies"] = new JsonArray(definition.RecommendedPolicies.Select(p => (JsonNode)p).ToArray()),
            });
        }
        return new JsonObject
        {
            ["addonName"] = addonName,
            ["addonVersion"] = addonVersion,
            ["configurationSchema"] = definition.ConfigurationSchema,
            ["podIdentityConfiguration"] = podIdentity,
        };
    }

    private static JsonObject Info(AddonDefinition definition, List<AddonVersion> versions, string? kubernetesVersion) => new()
    {
        ["addonName"] = definition.Name,
        ["type"] = definition.Type,
        ["addonVersions"] = new JsonArray(versions.Select(v => (JsonNode)new JsonObject
        {
            ["addonVersion"] = v.Version,
            ["architecture"] = new JsonArray("amd64", "arm64"),
            ["computeTypes"] = new JsonArray("ec2", "hybrid"),
            ["compatibilities"] = new JsonArray(v.ClusterVersions
                .Where(k => kubernetesVersion is null || k == kubernetesVersion)
                .Select(k => (JsonNode)new JsonObject
                {
                    ["clusterVersion"] = k,
                    ["platformVersions"] = new JsonArray("*"),
                    ["defaultVersion"] = v.DefaultFor.Contains(k),
                }).ToArray()),
            ["requiresConfiguration"] = false,
            ["requiresIamPermissions"] = definition.PodIdentityServiceAccount is not null,
        }).ToArray()),
        ["publisher"] = "eks",
        ["owner"] = "aws",
        ["defaultNamespace"] = definition.DefaultNamespace,
    };
}
