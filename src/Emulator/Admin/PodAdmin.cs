using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using PodIdentity.Emulator.EksAuth;
using PodIdentity.Emulator.Hosting;
using PodIdentity.Emulator.Oidc;
using PodIdentity.Emulator.Protocol;
using PodIdentity.Emulator.State;

namespace PodIdentity.Emulator.Admin;

/// <summary>
/// What the cluster itself would do for a pod: mint its projected service-account token
/// (POST /_emulator/clusters/{name}/service-account-token) and run the node's EKS Pod Identity agent
/// (GET /_emulator/clusters/{name}/agent/v1/credentials). Also lists the role sessions issued (GET /_emulator/sessions).
/// </summary>
internal static class PodAdmin
{
    public const string AgentAddon = "eks-pod-identity-agent";
    private const int DefaultTokenSeconds = 86400;

    /// <summary>Handles the route when it is one of these; false otherwise.</summary>
    public static async Task<bool> TryHandleAsync(HttpContext http, EmulatorContext context, string route, byte[] body)
    {
        var segments = route.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        var region = http.Request.Query["region"].FirstOrDefault();
        switch (http.Request.Method, segments)
        {
            case ("POST", ["clusters", var name, "service-account-token"]):
                await IssueTokenAsync(http, context, name, region, body);
                return true;
            case ("GET", ["clusters", var name, "agent", "v1", "credentials"]):
                await AgentAsync(http, context, name, region);
                return true;
            case ("GET", ["sessions"]):
                await EksJsonResponse.WriteAsync(http.Response, Sessions(context));
                return true;
            default:
                return false;
        }
    }

    private static async Task IssueTokenAsync(HttpContext http, EmulatorContext context, string name, string? region, byte[] body)
    {
        JsonObject request;
        try
        {
            request = JsonNode.Parse(body) as JsonObject ?? throw new FormatException("the body must be a JSON object");
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            await Problem(http, 400, $"service-account-token: {e.Message}");
            return;
        }
        string? Field(string key) => request[key] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
        var ns = Field("namespace");
        var serviceAccount = Field("serviceAccount");
        var podName = Field("podName");
        if (string.IsNullOrEmpty(ns) || string.IsNullOrEmpty(serviceAccount) || string.IsNullOrEmpty(podName))
        {
            await Problem(http, 400, "service-account-token needs \"namespace\", \"serviceAccount\" and \"podName\"");
            return;
        }
        var seconds = DefaultTokenSeconds;
        if (request["expirationSeconds"] is { } exp && (exp is not JsonValue ev || !ev.TryGetValue(out seconds) || seconds < 1))
        {
            await Problem(http, 400, "expirationSeconds must be a positive whole number");
            return;
        }
        var podUid = Field("podUid") ?? Ids.Uuid();
        var audience = Field("audience") ?? ServiceAccountTokens.PodIdentityAudience;
        var token = context.Store.Write(state => FindCluster(state, name, region) is { } cluster
            ? ServiceAccountTokens.Issue(cluster, ns, serviceAccount, podName, podUid, audience, context.Now, seconds)
            : null);
        if (token is null)
        {
            await Problem(http, 404, $"no cluster {name}{(region is null ? "" : " in " + region)}");
            return;
        }
        await EksJsonResponse.WriteAsync(http.Response, new JsonObject { ["token"] = token });
    }

    /// <summary>
    /// The node agent: the SDK's container credential provider sends the pod's token as the Authorization header;
    /// the agent calls eks-auth and answers in the container-credentials format. Only while the add-on is ACTIVE.
    /// </summary>
    private static async Task AgentAsync(HttpContext http, EmulatorContext context, string name, string? region)
    {
        var (clusterRegion, agentStatus) = context.Store.Write<(string?, string?)>(state =>
        {
            if (FindCluster(state, name, region) is not { } cluster)
            {
                return (null, null);
            }
            Eks.ClusterLifecycle.Settle(cluster, context.Now);
            return (cluster.Region, cluster.Addons.GetValueOrDefault(AgentAddon)?.Status);
        });
        if (clusterRegion is null)
        {
            await AgentError(http, 404, "ResourceNotFoundException", $"No cluster found for name: {name}.");
            return;
        }
        if (agentStatus != "ACTIVE")
        {
            var why = agentStatus is null ? "is not installed" : $"is {agentStatus}, not ACTIVE";
            await AgentError(http, 503, "ServiceUnavailable",
                $"Unable to reach the EKS Pod Identity Agent on cluster {name}: the {AgentAddon} add-on {why}. Install the add-on before running pods that use pod identity associations.");
            return;
        }
        var token = http.Request.Headers.Authorization.ToString();
        if (token.Length == 0)
        {
            await AgentError(http, 400, "InvalidTokenException", "The Authorization header with the service account token is missing.");
            return;
        }
        context.Calls.Record(new CallEntry(context.Now, EksAuthApi.Service, EksAuthApi.Operation, null, null));
        try
        {
            var grant = PodIdentityGrants.Assume(context, clusterRegion, name, token);
            await EksJsonResponse.WriteAsync(http.Response, new JsonObject
            {
                ["AccessKeyId"] = grant.Session.AccessKeyId,
                ["SecretAccessKey"] = grant.Session.SecretAccessKey,
                ["Token"] = grant.Session.SessionToken,
                ["AccountId"] = context.Store.Read(s => s.AccountId),
                ["Expiration"] = grant.Session.Expiration.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            });
        }
        catch (AwsError e)
        {
            await AgentError(http, e.Status, e.Code, e.Message);
        }
    }

    private static JsonArray Sessions(EmulatorContext context) => context.Store.Read(state =>
        new JsonArray(state.Sessions.Values.OrderBy(s => s.Expiration).Select(s => (JsonNode)new JsonObject
        {
            ["accessKeyId"] = s.AccessKeyId,
            ["arn"] = s.AssumedRoleArn,
            ["assumedRoleId"] = s.AssumedRoleId,
            ["expiration"] = s.Expiration.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["issuedBy"] = s.IssuedBy,
            ["sourceArn"] = s.SourceArn,
            ["tags"] = Eks.ClusterJson.TagsJson(s.Tags),
            ["policy"] = s.Policy,
        }).ToArray()));

    /// <summary>A cluster by name; the region narrows it when two regions have one of that name.</summary>
    private static Cluster? FindCluster(EmulatorState state, string name, string? region) =>
        state.Regions.Where(r => region is null || r.Key == region)
            .Select(r => r.Value.Clusters.GetValueOrDefault(name)).FirstOrDefault(c => c is not null);

    // Code and Message are the fields the SDKs' container credential providers read from an error answer.
    private static Task AgentError(HttpContext http, int status, string code, string message) =>
        EksJsonResponse.WriteAsync(http.Response, new JsonObject { ["Code"] = code, ["Message"] = message }, status);

    private static Task Problem(HttpContext http, int status, string message) =>
        EksJsonResponse.WriteAsync(http.Response, new JsonObject { ["message"] = message }, status);
}
