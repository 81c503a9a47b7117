using System.Text.Json.Nodes;
using PodIdentity.Emulator.Protocol;
using PodIdentity.Emulator.State;

namespace PodIdentity.Emulator.Eks;

/// <summary>The PodIdentityAssociation and PodIdentityAssociationSummary shapes.</summary>
internal static class AssociationJson
{
    public static JsonObject Write(PodIdentityAssociation a)
    {
        var json = new JsonObject
        {
            ["clusterName"] = a.ClusterName,
            ["namespace"] = a.Namespace,
            ["serviceAccount"] = a.ServiceAccount,
            ["roleArn"] = a.RoleArn,
            ["associationArn"] = a.Arn,
            ["associationId"] = a.Id,
            ["tags"] = ClusterJson.TagsJson(a.Tags),
            ["createdAt"] = EksJsonResponse.Timestamp(a.CreatedAt),
            ["modifiedAt"] = EksJsonResponse.Timestamp(a.ModifiedAt),
            ["disableSessionTags"] = a.DisableSessionTags ?? false,
        };
        AddIfSet(json, "ownerArn", a.OwnerArn);
        AddIfSet(json, "targetRoleArn", a.TargetRoleArn);
        AddIfSet(json, "externalId", a.ExternalId);
        AddIfSet(json, "policy", a.Policy);
        return json;
    }

    public static JsonObject Summary(PodIdentityAssociation a)
    {
        var json = new JsonObject
        {
            ["clusterName"] = a.ClusterName,
            ["namespace"] = a.Namespace,
            ["serviceAccount"] = a.ServiceAccount,
            ["associationArn"] = a.Arn,
            ["associationId"] = a.Id,
        };
        AddIfSet(json, "ownerArn", a.OwnerArn);
        return json;
    }

    private static void AddIfSet(JsonObject json, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            json[name] = value;
        }
    }
}
