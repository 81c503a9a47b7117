using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PodIdentity.TestSupport.Emulator;

/// <summary>
/// The emulator's unsigned admin API (/_emulator/) for tests that use it as a tool: call counts and log, fault rules,
/// role sessions, reset, and the pod-side helpers (service-account tokens, the node agent's URL). Every call must
/// succeed; tests of the admin API itself send raw requests instead.
/// </summary>
public class EmulatorAdmin : IDisposable
{
    private readonly HttpClient _http;

    public EmulatorAdmin(Uri baseUrl)
    {
        BaseUrl = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
        _http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>The emulator's base URL, with a trailing slash.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Calls per "service:Operation" since the start or the last reset.</summary>
    public async Task<IReadOnlyDictionary<string, int>> CallsAsync() =>
        await _http.GetFromJsonAsync<Dictionary<string, int>>("_emulator/calls") ?? new Dictionary<string, int>();

    public int Count(IReadOnlyDictionary<string, int> calls, string operation) =>
        calls.TryGetValue(operation, out var n) ? n : 0;

    /// <summary>Clears the call counts and the call log.</summary>
    public async Task ResetCallsAsync() => (await _http.DeleteAsync("_emulator/calls")).EnsureSuccessStatusCode();

    public async Task<IReadOnlyList<LoggedCall>> CallLogAsync()
    {
        var entries = await _http.GetFromJsonAsync<JsonElement>("_emulator/call-log");
        return entries.EnumerateArray().Select(e => new LoggedCall(
            e.GetProperty("service").GetString() ?? "",
            e.GetProperty("operation").GetString() ?? "",
            e.TryGetProperty("callerArn", out var arn) && arn.ValueKind == JsonValueKind.String ? arn.GetString() : null)).ToList();
    }

    /// <summary>Adds a fault rule (the emulator's fault JSON) and returns its id.</summary>
    public async Task<string> AddFaultAsync(object rule)
    {
        var response = await _http.PostAsJsonAsync("_emulator/faults", rule);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("id").GetString()!;
    }

    public async Task ClearFaultsAsync() => (await _http.DeleteAsync("_emulator/faults")).EnsureSuccessStatusCode();

    /// <summary>The live role sessions the emulator issued.</summary>
    public async Task<JsonArray> SessionsAsync() =>
        (JsonArray)(await _http.GetFromJsonAsync<JsonNode>("_emulator/sessions") ?? new JsonArray());

    /// <summary>State back to the seed; counters, log and faults cleared.</summary>
    public async Task ResetAsync() => (await _http.PostAsync("_emulator/reset", null)).EnsureSuccessStatusCode();

    /// <summary>A Kubernetes service-account token of the cluster, as a projected volume would hold it.</summary>
    public async Task<string> ServiceAccountTokenAsync(string cluster, string ns, string serviceAccount, string podName = "app-pod",
        int? expirationSeconds = null, string? audience = null)
    {
        var body = new JsonObject { ["namespace"] = ns, ["serviceAccount"] = serviceAccount, ["podName"] = podName };
        if (expirationSeconds is { } seconds)
        {
            body["expirationSeconds"] = seconds;
        }

        if (audience is not null)
        {
            body["audience"] = audience;
        }

        var response = await _http.PostAsJsonAsync($"_emulator/clusters/{cluster}/service-account-token", body);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    /// <summary>The node agent's credentials endpoint (AWS_CONTAINER_CREDENTIALS_FULL_URI inside a pod).</summary>
    public string AgentUri(string cluster) => new Uri(BaseUrl, $"_emulator/clusters/{cluster}/agent/v1/credentials").ToString();

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _http.Dispose();
        }
    }
}

/// <summary>One entry of the emulator's call log.</summary>
public sealed record LoggedCall(string Service, string Operation, string? CallerArn)
{
    public override string ToString() => $"{Service}:{Operation} as {CallerArn ?? "(unsigned)"}";
}
