using System.Text.Json.Nodes;

namespace PodIdentity.Provider.AcceptanceTests.Credentials;

/// <summary>
/// The emulator seeded with the roles the credential scenarios assume, and the pod-identity admin routes they use on
/// the lab cluster: service-account tokens, the node agent, and the call log with each call's caller.
/// </summary>
internal sealed class CredentialsEmulator : IAsyncDisposable
{
    /// <summary>Trusts the account (AssumeRole with its keys, from a profile or the assume_role block).</summary>
    public const string DeployerRole = "deployer";

    /// <summary>Trusts any web identity the emulator accepts (AssumeRoleWithWebIdentity).</summary>
    public const string WebRole = "ci-web";

    /// <summary>The default pod trust: what a CI runner pod's association names (EKS Pod Identity).</summary>
    public const string RunnerRole = "ci-runner";

    private CredentialsEmulator(EmulatorProcess emulator) => Emulator = emulator;

    public EmulatorProcess Emulator { get; }

    public static async Task<CredentialsEmulator> StartAsync()
    {
        var seed = EmulatorSeed.Lab();
        var roles = (JsonArray)seed["roles"]!;
        roles.Add(EmulatorSeed.Role(DeployerRole, new JsonObject { ["AWS"] = $"arn:aws:iam::{EmulatorSeed.AccountId}:root" }, JsonValue.Create("sts:AssumeRole")));
        roles.Add(EmulatorSeed.Role(WebRole, JsonValue.Create("*"), JsonValue.Create("sts:AssumeRoleWithWebIdentity")));
        roles.Add(new JsonObject { ["name"] = RunnerRole });
        return new CredentialsEmulator(await EmulatorProcess.StartAsync(seed, "--addon-transition", "0.2"));
    }

    /// <summary>arn:aws:sts::ACCOUNT:assumed-role/ROLE/ — what every call made as a session of the role starts with.</summary>
    public static string SessionArnPrefix(string role) => $"arn:aws:sts::{EmulatorSeed.AccountId}:assumed-role/{role}/";

    /// <summary>A Kubernetes service-account token of the lab cluster, as a projected volume would hold it.</summary>
    public Task<string> ServiceAccountTokenAsync(string ns, string serviceAccount, string podName, string? audience = null) =>
        Emulator.ServiceAccountTokenAsync(EmulatorSeed.ClusterName, ns, serviceAccount, podName, audience: audience);

    /// <summary>The node agent's credentials endpoint (AWS_CONTAINER_CREDENTIALS_FULL_URI inside a pod).</summary>
    public string AgentUri => Emulator.AgentUri(EmulatorSeed.ClusterName);

    public Task ClearCallLogAsync() => Emulator.ResetCallsAsync();

    public Task<IReadOnlyList<LoggedCall>> CallLogAsync() => Emulator.CallLogAsync();

    public ValueTask DisposeAsync() => Emulator.DisposeAsync();
}
