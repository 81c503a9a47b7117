using PodIdentity.Provider.AcceptanceTests.Harness;
using static PodIdentity.Provider.AcceptanceTests.ProviderConfig.ProviderConfigFiles;

namespace PodIdentity.Provider.AcceptanceTests.ProviderConfig;

/// <summary>One emulator for the configure tests; it also accepts a second key pair whose secret the tests track.</summary>
public sealed class ConfigureEmulatorFixture : IAsyncLifetime
{
    public const string AccessKey = "AKIDSECRETCHECK";
    public const string SecretKey = "Sup3rSecretValue+DoNotLog/0123456789abcd";

    internal EmulatorProcess Emulator { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Emulator = await EmulatorProcess.StartAsync(null, "--credentials", "test:test", "--credentials", $"{AccessKey}:{SecretKey}");

    public async Task DisposeAsync() => await Emulator.DisposeAsync();
}

/// <summary>`terraform plan` against the emulator: configure, STS, account checks and log hygiene.</summary>
public sealed class ProviderConfigureCliTests(ConfigureEmulatorFixture fixture) : IClassFixture<ConfigureEmulatorFixture>
{
    private EmulatorProcess Emulator => fixture.Emulator;

    [Fact]
    public async Task Plan_with_trace_logging_never_shows_the_secret_key()
    {
        var main = MainTf($"""
              access_key = "{ConfigureEmulatorFixture.AccessKey}"
              secret_key = "{ConfigureEmulatorFixture.SecretKey}"

            """);
        using var ws = new TerraformWorkspace(Emulator).Write("main.tf", main);
        var logPath = Path.Combine(ws.Directory, "terraform.log");
        ws.WithEnvironment("TF_LOG_PROVIDER", "TRACE").WithEnvironment("TF_LOG_PATH", logPath);

        var result = await ws.PlanAsync();
        Assert.True(result.ExitCode == 2, result.Report);

        var log = await File.ReadAllTextAsync(logPath);
        // The log really was on and really saw configure and the signed STS call.
        Assert.Contains("AWS provider configured", log);
        Assert.Contains("AWS API call", log);
        Assert.Contains("GetCallerIdentity", log);
        Assert.DoesNotContain(ConfigureEmulatorFixture.SecretKey, log);
        Assert.DoesNotContain(ConfigureEmulatorFixture.SecretKey, result.Stdout);
        Assert.DoesNotContain(ConfigureEmulatorFixture.SecretKey, result.Stderr);
    }

    [Fact]
    public async Task Allowed_account_ids_mismatch_fails_configure_with_a_clear_error()
    {
        var main = MainTf("  allowed_account_ids = [\"999999999999\"]\n");
        using var ws = new TerraformWorkspace(Emulator).Write("main.tf", main);

        var result = await ws.PlanAsync();
        result.EnsureExit(1, "result");
        Assert.Contains("AWS account not allowed", result.Stderr);
        Assert.Contains(EmulatorSeed.AccountId, result.Stderr);
        Assert.Contains("999999999999", result.Stderr);
        Assert.Contains("allowed_account_ids", result.Stderr);
    }

    [Fact]
    public async Task Wrong_secret_fails_configure_with_the_aws_error_code_and_request_id()
    {
        var main = MainTf($"  access_key = \"{ConfigureEmulatorFixture.AccessKey}\"\n  secret_key = \"wrong-secret\"\n  max_retries = 0\n");
        using var ws = new TerraformWorkspace(Emulator).Write("main.tf", main);

        var result = await ws.PlanAsync();
        result.EnsureExit(1, "result");
        Assert.Contains("Validating provider credentials failed", result.Stderr);
        Assert.Contains("SignatureDoesNotMatch", result.Stderr);
        Assert.Contains("request id", result.Stderr);
        Assert.DoesNotContain("request id (none)", result.Stderr);
    }

    [Fact]
    public async Task Get_caller_identity_is_called_once_per_configure()
    {
        using var ws = new TerraformWorkspace(Emulator).Write("main.tf", MainTf("  max_retries = 0\n"));
        await Emulator.ResetCallsAsync();

        var result = await ws.PlanAsync();
        Assert.True(result.ExitCode == 2, result.Report);

        var calls = await Emulator.CallsAsync();
        var getCallerIdentity = calls.Where(c => c.Key.EndsWith("GetCallerIdentity", StringComparison.Ordinal)).Sum(c => c.Value);
        Assert.Equal(1, getCallerIdentity);
    }

    [Fact]
    public async Task Skipping_credential_validation_and_account_id_makes_no_sts_call()
    {
        using var ws = new TerraformWorkspace(Emulator).Write("main.tf", MainTf(
            "  skip_credentials_validation = true\n  skip_requesting_account_id = true\n"));
        await Emulator.ResetCallsAsync();

        var result = await ws.PlanAsync();
        Assert.True(result.ExitCode == 2, result.Report);
        var calls = await Emulator.CallsAsync();
        Assert.DoesNotContain(calls, c => c.Key.EndsWith("GetCallerIdentity", StringComparison.Ordinal) && c.Value > 0);
    }
}
