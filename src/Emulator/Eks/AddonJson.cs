using System.Text.Json.Nodes;
using PodIdentity.Emulator.Protocol;
using PodIdentity.Emulator.State;

namespace PodIdentity.Emulator.Eks;

/// <summary>The Addon and Update shapes.</summary>
internal static class AddonJson
{
    public static JsonObject Write(Cluster cluster, Addon a)
    {
        var json = new JsonObject
        {
            ["addonName"] = a.Name,
            ["clusterName"] = a.ClusterName,
            ["status"] = a.Status,
            ["addonVersion"] = a.Version,
            ["health"] = new JsonObject
            {
                ["issues"] = new JsonArray(a.HealthIssues.Select(i => (JsonNode)new JsonObject
                {
                    ["code"] = i.Code,
                    ["message"] = i.Message,
                    ["resourceIds"] = new JsonArray(),
                }).ToArray()),
            },
            ["addonArn"] = a.Arn,
            ["createdAt"] = EksJsonResponse.Timestamp(a.CreatedAt),
            ["modifiedAt"] = EksJsonResponse.Timestamp(a.ModifiedAt),
            ["tags"] = ClusterJson.TagsJson(a.Tags),
            ["publisher"] = "eks",
            ["owner"] = "aws",
            ["podIdentityAssociations"] = new JsonArray(cluster.Associations.Values
                .Where(p => p.OwnerArn == a.Arn).OrderBy(p => p.Id, StringComparer.Ordinal)
                .Select(p => (JsonNode)p.Arn).ToArray()),
        };
        if (a.ServiceAccountRoleArn is not null)
        {
            json["serviceAccountRoleArn"] = a.ServiceAccountRoleArn;
        }
        if (!string.IsNullOrEmpty(a.ConfigurationValues))
        {
            json["configurationValues"] = a.ConfigurationValues;
        }
        // EKS reports the namespace even when it is the add-on's default and none was asked for (eksctl-io/eksctl#8479:
        // "DescribeAddon API can return a default namespace even when no namespace was explicitly specified").
        json["namespaceConfig"] = new JsonObject { ["namespace"] = a.Namespace };
        return json;
    }

    public static JsonObject Update(AddonUpdate u) => new()
    {
        ["id"] = u.Id,
        ["status"] = u.Status,
        ["type"] = "AddonUpdate",
        ["params"] = new JsonArray(u.Params.Select(p => (JsonNode)new JsonObject { ["type"] = p.Key, ["value"] = p.Value }).ToArray()),
        ["createdAt"] = EksJsonResponse.Timestamp(u.CreatedAt),
        ["errors"] = new JsonArray(u.Errors.Select(e => (JsonNode)new JsonObject
        {
            ["errorCode"] = e.Code,
            ["errorMessage"] = e.Message,
            ["resourceIds"] = new JsonArray(),
        }).ToArray()),
    };
}
