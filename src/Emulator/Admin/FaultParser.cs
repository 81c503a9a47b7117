using System.Text.Json;
using System.Text.Json.Nodes;
using PodIdentity.Emulator.State;

namespace PodIdentity.Emulator.Admin;

/// <summary>Reads a fault rule from its admin JSON, rejecting anything the emulator would not act on.</summary>
internal static class FaultParser
{
    private static readonly HashSet<string> Outcomes = ["CREATE_FAILED", "DEGRADED", "UPDATE_FAILED", "DELETE_FAILED"];

    public static FaultRule Parse(string id, JsonObject json, DateTimeOffset now)
    {
        var action = String(json, "action") ?? throw new FormatException("\"action\" is required");
        var count = Int(json, "count");
        if (count is < 0)
        {
            throw new FormatException("\"count\" must not be negative");
        }
        var rule = new FaultRule
        {
            Id = id,
            Action = action,
            Service = String(json, "service"),
            Operation = String(json, "operation"),
            Remaining = count,
            Status = Int(json, "status") ?? 500,
            LatencyMs = Int(json, "latencyMs") ?? 0,
            Seconds = Number(json, "seconds") ?? 0,
            RoleName = String(json, "roleName"),
            AddonName = String(json, "addonName"),
            Outcome = String(json, "outcome"),
            HealthIssues = Issues(json),
            CreatedAt = now,
            Definition = (JsonObject)json.DeepClone(),
        };
        switch (action)
        {
            case "throttle":
                break;
            case "error" when rule.Status is 500 or 503:
                break;
            case "error":
                throw new FormatException("\"status\" must be 500 or 503");
            case "latency" when rule.LatencyMs > 0:
                break;
            case "latency":
                throw new FormatException("\"latencyMs\" must be a positive number");
            case "iam-propagation-delay" when rule.Seconds > 0:
                break;
            case "iam-propagation-delay":
                throw new FormatException("\"seconds\" must be a positive number");
            case "addon-outcome" when rule.AddonName is not null && rule.Outcome is not null && Outcomes.Contains(rule.Outcome):
                break;
            case "addon-outcome":
                throw new FormatException("\"addonName\" and \"outcome\" (CREATE_FAILED, DEGRADED, UPDATE_FAILED or DELETE_FAILED) are required");
            case "addon-slow" when rule.AddonName is not null && rule.Seconds >= 0:
                break;
            case "addon-slow":
                throw new FormatException("\"addonName\" and \"seconds\" are required");
            default:
                throw new FormatException($"unknown action \"{action}\"");
        }
        return rule;
    }

    private static List<AddonIssue> Issues(JsonObject json)
    {
        var issues = new List<AddonIssue>();
        foreach (var node in json["healthIssues"] as JsonArray ?? [])
        {
            var o = node as JsonObject ?? throw new FormatException("healthIssues entries must be objects");
            issues.Add(new AddonIssue(String(o, "code") ?? "InternalFailure", String(o, "message") ?? ""));
        }
        return issues;
    }

    private static string? String(JsonObject o, string name) => o[name] switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => throw new FormatException($"\"{name}\" must be a string"),
    };

    private static int? Int(JsonObject o, string name) => o[name] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<int>(out var i) => i,
        _ => throw new FormatException($"\"{name}\" must be an integer"),
    };

    private static double? Number(JsonObject o, string name) => o[name] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<double>(out var d) => d,
        _ => throw new FormatException($"\"{name}\" must be a number"),
    };
}
