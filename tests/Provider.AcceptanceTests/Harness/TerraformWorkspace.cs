using System.Text.Json;

namespace PodIdentity.Provider.AcceptanceTests.Harness;

/// <summary>
/// A scratch working directory with a CLI config that dev-overrides podidentity/aws to the build under test.
/// Every command runs the configured CLI binary (terraform or tofu) with the emulator's endpoint and keys.
/// </summary>
internal sealed class TerraformWorkspace : IDisposable
{
    private readonly Dictionary<string, string?> _environment;
    private int _runs;

    public TerraformWorkspace(EmulatorProcess? emulator = null)
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("tfws-").FullName;
        var cliConfig = Path.Combine(Directory, ".terraformrc");
        File.WriteAllText(cliConfig, $$"""
            provider_installation {
              dev_overrides {
                "podidentity/aws" = "{{TestPaths.ProviderDir}}"
              }
              direct {}
            }
            """);

        _environment = IsolatedAws.Environment(Directory);
        _environment["TF_CLI_CONFIG_FILE"] = cliConfig;
        _environment["TF_IN_AUTOMATION"] = "1";
        _environment["CHECKPOINT_DISABLE"] = "1";
        // Logging is set per run (RunAsync) unless a test sets TF_LOG_PROVIDER or TF_LOG_PATH itself.
        _environment["TF_LOG"] = null;
        _environment["TF_LOG_PROVIDER"] = null;
        _environment["TF_LOG_PATH"] = null;
        if (emulator is not null)
        {
            _environment["AWS_ENDPOINT_URL"] = emulator.BaseUrl.ToString().TrimEnd('/');
            _environment["AWS_ACCESS_KEY_ID"] = "test";
            _environment["AWS_SECRET_ACCESS_KEY"] = "test";
            _environment["AWS_SESSION_TOKEN"] = null;
            _environment["AWS_REGION"] = EmulatorSeed.Region;
        }
    }

    public string Directory { get; }

    public TerraformWorkspace WithEnvironment(string key, string? value)
    {
        _environment[key] = value;
        return this;
    }

    public TerraformWorkspace Write(string fileName, string content)
    {
        File.WriteAllText(Path.Combine(Directory, fileName), content);
        return this;
    }

    public TerraformWorkspace CopyFrom(string folder)
    {
        foreach (var file in System.IO.Directory.GetFiles(folder, "*.tf"))
        {
            File.Copy(file, Path.Combine(Directory, Path.GetFileName(file)), overwrite: true);
        }

        return this;
    }

    /// <summary>Where each run's provider log goes: NN-COMMAND.log, numbered in run order.</summary>
    public string LogDirectory => Path.Combine(Directory, ".provider-logs");

    /// <summary>
    /// Runs the CLI. The provider's DEBUG log goes to a file of this run (TF_LOG_PROVIDER, TF_LOG_PATH; the CLI's own
    /// log stays off), whose tail <see cref="ProcessResult.Report"/> shows when a step fails: a provider that dies or
    /// hangs while starting shows in the CLI's output only as "Plugin did not respond".
    /// </summary>
    public async Task<ProcessResult> RunAsync(params string[] arguments)
    {
        var environment = new Dictionary<string, string?>(_environment);
        string? log = null;
        if (environment["TF_LOG_PROVIDER"] is null && environment["TF_LOG_PATH"] is null)
        {
            System.IO.Directory.CreateDirectory(LogDirectory);
            log = Path.Combine(LogDirectory, $"{++_runs:D2}-{(arguments.Length > 0 ? arguments[0] : "cli")}.log");
            environment["TF_LOG_PROVIDER"] = "DEBUG";
            environment["TF_LOG_PATH"] = log;
        }

        try
        {
            return await ProcessRunner.RunAsync(TestPaths.TerraformBinary, arguments, Directory, environment, TimeSpan.FromMinutes(5)) with
            {
                ProviderLog = log,
            };
        }
        catch (TimeoutException e) when (log is not null)
        {
            throw new TimeoutException($"{e.Message}\n--- provider log {log}\n{ProcessResult.LogTail(log)}", e);
        }
    }

    public async Task<ProcessResult> ApplyAsync(params string[] extra) =>
        (await RunAsync(["apply", "-auto-approve", "-input=false", "-no-color", .. extra])).EnsureSuccess("apply");

    /// <summary>Runs `plan -detailed-exitcode`: 0 means no changes, 2 means changes, anything else fails.</summary>
    public Task<ProcessResult> PlanAsync(params string[] extra) =>
        RunAsync(["plan", "-input=false", "-no-color", "-detailed-exitcode", .. extra]);

    public async Task<JsonDocument> StateAsync()
    {
        var result = (await RunAsync("show", "-json", "-no-color")).EnsureSuccess("show -json");
        return JsonDocument.Parse(result.Stdout);
    }

    /// <summary>The attribute values of one resource in state, by address (e.g. aws_eks_pod_identity_association.app).</summary>
    public async Task<JsonElement> ResourceAsync(string address)
    {
        using var state = await StateAsync();
        var resources = state.RootElement.GetProperty("values").GetProperty("root_module").GetProperty("resources");
        foreach (var resource in resources.EnumerateArray())
        {
            if (resource.GetProperty("address").GetString() == address)
            {
                return resource.GetProperty("values").Clone();
            }
        }

        throw new Xunit.Sdk.XunitException($"{address} is not in state");
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
