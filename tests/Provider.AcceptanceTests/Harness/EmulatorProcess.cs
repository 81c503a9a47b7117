using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PodIdentity.Provider.AcceptanceTests.Harness;

/// <summary>A published aws-emulator on a free loopback port, with its admin API.</summary>
internal sealed class EmulatorProcess : IAsyncDisposable
{
    public const string AccountId = "123456789012";
    public const string Region = "us-west-2";
    public const string ClusterName = "pod-identity-lab";

    private readonly Process _process;
    private readonly string _folder;
    private readonly HttpClient _admin;

    private EmulatorProcess(Process process, string folder, Uri baseUrl)
    {
        _process = process;
        _folder = folder;
        BaseUrl = baseUrl;
        _admin = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri BaseUrl { get; }

    /// <summary>The seed every test starts from: one cluster and a few roles that trust pods.eks.amazonaws.com.</summary>
    public static JsonObject DefaultSeed() => new()
    {
        ["accountId"] = AccountId,
        ["clusters"] = new JsonArray(
            new JsonObject { ["name"] = ClusterName, ["region"] = Region, ["version"] = "1.33" },
            new JsonObject { ["name"] = "other-cluster", ["region"] = Region, ["version"] = "1.32" }),
        ["roles"] = new JsonArray(
            Role("payments-api"), Role("payments-api-v2"), Role("ledger-reader"), Role("cross-account-target"),
            Role("vpc-cni")),
    };

    public static string RoleArn(string name) => $"arn:aws:iam::{AccountId}:role/{name}";

    public static async Task<EmulatorProcess> StartAsync(JsonObject? seed = null, params string[] extraArgs)
    {
        var folder = Directory.CreateTempSubdirectory("emulator-").FullName;
        var seedPath = Path.Combine(folder, "seed.json");
        await File.WriteAllTextAsync(seedPath, (seed ?? DefaultSeed()).ToJsonString());

        var info = new ProcessStartInfo(TestPaths.EmulatorBinary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--listen", "127.0.0.1:0", "--seed", seedPath }.Concat(extraArgs))
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the emulator");
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        var firstLine = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30))
                        ?? throw new InvalidOperationException("the emulator printed nothing");
        var start = firstLine.IndexOf("http://", StringComparison.Ordinal);
        if (start < 0)
        {
            process.Kill();
            throw new InvalidOperationException("no base URL in the emulator's first line: " + firstLine);
        }

        // Keep draining stdout so the emulator never blocks on a full pipe.
        _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
        var url = firstLine[start..].Split(' ', StringSplitOptions.RemoveEmptyEntries)[0].TrimEnd('/', '.', ',');
        return new EmulatorProcess(process, folder, new Uri(url + "/"));
    }

    public async Task<IReadOnlyDictionary<string, int>> CallsAsync()
    {
        var calls = await _admin.GetFromJsonAsync<Dictionary<string, int>>("_emulator/calls");
        return calls ?? new Dictionary<string, int>();
    }

    public int Count(IReadOnlyDictionary<string, int> calls, string operation) =>
        calls.TryGetValue(operation, out var n) ? n : 0;

    public async Task ResetCallsAsync() =>
        (await _admin.DeleteAsync("_emulator/calls")).EnsureSuccessStatusCode();

    public async Task<string> AddFaultAsync(object rule)
    {
        var response = await _admin.PostAsJsonAsync("_emulator/faults", rule);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("id").GetString()!;
    }

    public async Task ClearFaultsAsync() =>
        (await _admin.DeleteAsync("_emulator/faults")).EnsureSuccessStatusCode();

    public async ValueTask DisposeAsync()
    {
        _admin.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    private static JsonObject Role(string name) => new()
    {
        ["name"] = name,
        ["assumeRolePolicyDocument"] = new JsonObject
        {
            ["Version"] = "2012-10-17",
            ["Statement"] = new JsonArray(new JsonObject
            {
                ["Effect"] = "Allow",
                ["Principal"] = new JsonObject { ["Service"] = "pods.eks.amazonaws.com" },
                ["Action"] = new JsonArray("sts:AssumeRole", "sts:TagSession"),
            }),
        },
    };
}
