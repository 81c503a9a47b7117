using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using PodIdentity.Provider.AcceptanceTests.Harness;

namespace PodIdentity.Provider.AcceptanceTests.Credentials;

/// <summary>
/// The emulator seeded with the roles the credential scenarios assume, and the pod-identity admin routes they use:
/// service-account tokens and the call log with each call's caller.
/// </summary>
internal sealed class CredentialsEmulator : IAsyncDisposable
{
    /// <summary>Trusts the account (AssumeRole with its keys, from a profile or the assume_role block).</summary>
    public const string DeployerRole = "deployer";

    /// <summary>Trusts any web identity the emulator accepts (AssumeRoleWithWebIdentity).</summary>
    public const string WebRole = "ci-web";

    /// <summary>The default pod trust: what a CI runner pod's association names (EKS Pod Identity).</summary>
    public const string RunnerRole = "ci-runner";

    private readonly HttpClient _admin;

    private CredentialsEmulator(EmulatorProcess emulator)
    {
        Emulator = emulator;
        _admin = new HttpClient { BaseAddress = emulator.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
    }

    public EmulatorProcess Emulator { get; }

    public static async Task<CredentialsEmulator> StartAsync()
    {
        var seed = EmulatorProcess.DefaultSeed();
        var roles = (JsonArray)seed["roles"]!;
        roles.Add(Role(DeployerRole, new JsonObject { ["AWS"] = $"arn:aws:iam::{EmulatorProcess.AccountId}:root" }, "sts:AssumeRole"));
        roles.Add(Role(WebRole, JsonValue.Create("*"), "sts:AssumeRoleWithWebIdentity"));
        roles.Add(new JsonObject { ["name"] = RunnerRole });
        return new CredentialsEmulator(await EmulatorProcess.StartAsync(seed, "--addon-transition", "0.2"));
    }

    /// <summary>arn:aws:sts::ACCOUNT:assumed-role/ROLE/ — what every call made as a session of the role starts with.</summary>
    public static string SessionArnPrefix(string role) => $"arn:aws:sts::{EmulatorProcess.AccountId}:assumed-role/{role}/";

    /// <summary>A Kubernetes service-account token of the lab cluster, as a projected volume would hold it.</summary>
    public async Task<string> ServiceAccountTokenAsync(string ns, string serviceAccount, string podName, string? audience = null)
    {
        var body = new JsonObject { ["namespace"] = ns, ["serviceAccount"] = serviceAccount, ["podName"] = podName };
        if (audience is not null)
        {
            body["audience"] = audience;
        }

        var response = await _admin.PostAsJsonAsync($"_emulator/clusters/{EmulatorProcess.ClusterName}/service-account-token", body);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    /// <summary>The node agent's credentials endpoint (AWS_CONTAINER_CREDENTIALS_FULL_URI inside a pod).</summary>
    public string AgentUri => new Uri(Emulator.BaseUrl, $"_emulator/clusters/{EmulatorProcess.ClusterName}/agent/v1/credentials").ToString();

    public async Task ClearCallLogAsync() => (await _admin.DeleteAsync("_emulator/call-log")).EnsureSuccessStatusCode();

    public async Task<IReadOnlyList<LoggedCall>> CallLogAsync()
    {
        var entries = await _admin.GetFromJsonAsync<JsonElement>("_emulator/call-log");
        return entries.EnumerateArray().Select(e => new LoggedCall(
            e.GetProperty("service").GetString() ?? "",
            e.GetProperty("operation").GetString() ?? "",
            e.TryGetProperty("callerArn", out var arn) && arn.ValueKind == JsonValueKind.String ? arn.GetString() : null)).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        _admin.Dispose();
        await Emulator.DisposeAsync();
    }

    private static JsonObject Role(string name, JsonNode principal, string action) => new()
    {
        ["name"] = name,
        ["assumeRolePolicyDocument"] = new JsonObject
        {
            ["Version"] = "2012-10-17",
            ["Statement"] = new JsonArray(new JsonObject
            {
                ["Effect"] = "Allow",
                ["Principal"] = principal,
                ["Action"] = action,
            }),
        },
    };
}

internal sealed record LoggedCall(string Service, string Operation, string? CallerArn)
{
    public override string ToString() => $"{Service}:{Operation} as {CallerArn ?? "(unsigned)"}";
}
