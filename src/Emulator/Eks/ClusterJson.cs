using System.Text.Json.Nodes;
using PodIdentity.Emulator.Oidc;
using PodIdentity.Emulator.Protocol;
using PodIdentity.Emulator.State;

namespace PodIdentity.Emulator.Eks;

/// <summary>The Cluster shape.</summary>
internal static class ClusterJson
{
    public static JsonObject Write(Cluster c)
    {
        var host = ClusterIdentity.IssuerId(c);
        var vpc = c.VpcConfig?.DeepClone() as JsonObject ?? new JsonObject();
        vpc["clusterSecurityGroupId"] ??= "sg-0" + c.Id.Replace("-", "", StringComparison.Ordinal)[..16];
        vpc["vpcId"] ??= "vpc-0" + c.Id.Replace("-", "", StringComparison.Ordinal)[16..32];
        vpc["subnetIds"] ??= new JsonArray();
        vpc["securityGroupIds"] ??= new JsonArray();
        vpc["endpointPublicAccess"] ??= true;
        vpc["endpointPrivateAccess"] ??= false;
        vpc["publicAccessCidrs"] ??= new JsonArray("0.0.0.0/0");
        var json = new JsonObject
        {
            ["name"] = c.Name,
            ["arn"] = c.Arn,
            ["createdAt"] = EksJsonResponse.Timestamp(c.CreatedAt),
            ["version"] = c.Version,
            ["endpoint"] = $"https://{host}.gr7.{c.Region}.eks.amazonaws.com",
            ["roleArn"] = c.RoleArn,
            ["resourcesVpcConfig"] = vpc,
            ["kubernetesNetworkConfig"] = new JsonObject { ["serviceIpv4Cidr"] = "10.100.0.0/16", ["ipFamily"] = "ipv4" },
            ["identity"] = new JsonObject
            {
                ["oidc"] = new JsonObject { ["issuer"] = ClusterIdentity.Issuer(c) },
            },
            ["status"] = c.Status,
            ["certificateAuthority"] = new JsonObject { ["data"] = "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==" },
            ["platformVersion"] = "eks.1",
            ["tags"] = TagsJson(c.Tags),
            ["accessConfig"] = new JsonObject { ["authenticationMode"] = "API_AND_CONFIG_MAP" },
            ["health"] = new JsonObject { ["issues"] = new JsonArray() },
            ["deletionProtection"] = false,
        };
        if (c.ClientRequestToken is not null)
        {
            json["clientRequestToken"] = c.ClientRequestToken;
        }
        return json;
    }

    public static JsonObject TagsJson(IReadOnlyDictionary<string, string> tags)
    {
        var json = new JsonObject();
        foreach (var (k, v) in tags.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            json[k] = v;
        }
        return json;
    }
}
