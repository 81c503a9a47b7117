using System.Text.Json;
using System.Text.Json.Nodes;
using PodIdentity.Emulator.Hosting;
using PodIdentity.Emulator.Protocol;
using PodIdentity.Emulator.State;

namespace PodIdentity.Emulator.Eks;

/// <summary>One EKS call as a handler sees it: region, labels, query, parsed body and typed accessors.</summary>
internal sealed class EksCall(
    EksRoute route,
    EmulatorContext context,
    string region,
    IReadOnlyDictionary<string, string> labels,
    IReadOnlyDictionary<string, List<string>> query,
    JsonObject body)
{
    public EksRoute Route { get; } = route;
    public EmulatorContext Context { get; } = context;
    public string Region { get; } = region;
    public JsonObject Body { get; } = body;
    public DateTimeOffset Now { get; } = context.Now;

    public string Label(string name) => labels[name];

    public string? Query(string name) => query.TryGetValue(name, out var values) ? values[0] : null;

    public IReadOnlyList<string> QueryAll(string name) => query.TryGetValue(name, out var values) ? values : [];

    /// <summary>The operation's own error for a malformed request (the first the model lists of the usual ones).</summary>
    public AwsError ClientError(string message) => new(Route.ClientErrorCode, 400, message);

    public string? String(string name) => Body[name] switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => throw ClientError($"{name} must be a string"),
    };

    public string RequiredString(string name)
    {
        var value = String(name);
        if (string.IsNullOrEmpty(value))
        {
            throw ClientError($"{name} is required and must not be empty.");
        }
        return value;
    }

    public bool? Bool(string name) => Body[name] switch
    {
        null => null,
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>(),
        _ => throw ClientError($"{name} must be a boolean"),
    };

    public Dictionary<string, string>? StringMap(string name)
    {
        switch (Body[name])
        {
            case null:
                return null;
            case JsonObject o:
                var map = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var (key, value) in o)
                {
                    if (value is not JsonValue v || v.GetValueKind() != JsonValueKind.String)
                    {
                        throw ClientError($"{name}.{key} must be a string");
                    }
                    map[key] = v.GetValue<string>();
                }
                return map;
            default:
                throw ClientError($"{name} must be a map of strings");
        }
    }

    /// <summary>maxResults from the query string, checked against the model's 1-100.</summary>
    public int MaxResults(int fallback = 100)
    {
        var raw = Query("maxResults");
        if (raw is null)
        {
            return fallback;
        }
        if (!int.TryParse(raw, out var n) || n < 1 || n > 100)
        {
            throw ClientError("maxResults must be between 1 and 100.");
        }
        return n;
    }

    public Cluster Cluster(EmulatorState state, string name)
    {
        if (state.Regions.TryGetValue(Region, out var regionState) && regionState.Clusters.TryGetValue(name, out var cluster))
        {
            ClusterLifecycle.Settle(cluster, Now);
            return cluster;
        }
        throw EksErrors.NotFound($"No cluster found for name: {name}.");
    }
}
