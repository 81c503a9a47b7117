using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using PodIdentity.Emulator.Hosting;
using PodIdentity.Emulator.Protocol;

namespace PodIdentity.Emulator.Admin;

/// <summary>The unsigned /_emulator/ API: health, call counts and log, reset, fault rules, and the pod-side helpers.</summary>
internal static class AdminApi
{
    public const string Prefix = "/_emulator";

    public static async Task HandleAsync(HttpContext http, EmulatorContext context, string path, byte[] body)
    {
        var method = http.Request.Method;
        var route = path[Prefix.Length..].TrimEnd('/');
        switch (method, route)
        {
            case ("GET", "/health"):
                await EksJsonResponse.WriteAsync(http.Response, new JsonObject { ["status"] = "ok" });
                return;
            case ("GET", "/calls"):
                var counts = new JsonObject();
                foreach (var (key, count) in context.Calls.Counts())
                {
                    counts[key] = count;
                }
                await EksJsonResponse.WriteAsync(http.Response, counts);
                return;
            case ("GET", "/call-log"):
                await EksJsonResponse.WriteAsync(http.Response, CallLogJson(context));
                return;
            case ("DELETE", "/calls"):
            case ("DELETE", "/call-log"):
                context.Calls.Reset();
                http.Response.StatusCode = 204;
                return;
            case ("POST", "/reset"):
                context.Calls.Reset();
                context.Faults.Clear();
                context.Store.Reset();
                http.Response.StatusCode = 204;
                return;
            case ("GET", "/faults"):
                await EksJsonResponse.WriteAsync(http.Response, context.Faults.List());
                return;
            case ("POST", "/faults"):
                await AddFaultAsync(http, context, body);
                return;
            case ("DELETE", "/faults"):
                context.Faults.Clear();
                http.Response.StatusCode = 204;
                return;
            case ("DELETE", _) when route.StartsWith("/faults/", StringComparison.Ordinal):
                var id = Uri.UnescapeDataString(route["/faults/".Length..]);
                if (context.Faults.Remove(id))
                {
                    http.Response.StatusCode = 204;
                    return;
                }
                await Problem(http, 404, $"no fault rule {id}");
                return;
            default:
                if (await PodAdmin.TryHandleAsync(http, context, route, body))
                {
                    return;
                }
                await Problem(http, 404, $"no admin route {method} {path}");
                return;
        }
    }

    private static async Task AddFaultAsync(HttpContext http, EmulatorContext context, byte[] body)
    {
        JsonObject definition;
        try
        {
            definition = JsonNode.Parse(body) as JsonObject ?? throw new FormatException("the rule must be a JSON object");
            var id = context.Faults.Add(definition);
            await EksJsonResponse.WriteAsync(http.Response, new JsonObject { ["id"] = id }, 201);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            await Problem(http, 400, e.Message);
        }
    }

    private static JsonArray CallLogJson(EmulatorContext context) =>
        new(context.Calls.Entries().Select(e => (JsonNode)new JsonObject
        {
            ["time"] = e.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["service"] = e.Service,
            ["operation"] = e.Operation,
            ["callerArn"] = e.CallerArn,
            ["accessKeyId"] = e.AccessKeyId,
        }).ToArray());

    private static Task Problem(HttpContext http, int status, string message) =>
        EksJsonResponse.WriteAsync(http.Response, new JsonObject { ["message"] = message }, status);
}
