using PodIdentity.Provider.AcceptanceTests.Harness;

namespace PodIdentity.Provider.AcceptanceTests.Guides;

/// <summary>
/// The AWS CLI (v1 1.30+ or v2 2.14+: the pod identity commands and AWS_ENDPOINT_URL), from PATH or AWS_CLI_PATH,
/// pointed at an emulator with nothing from the machine's own AWS setup.
/// </summary>
internal static class AwsCli
{
    private static string Binary => System.Environment.GetEnvironmentVariable("AWS_CLI_PATH") is { Length: > 0 } path ? path : "aws";

    public static Task<ProcessResult> RunAsync(EmulatorProcess emulator, params string[] arguments) =>
        ProcessRunner.RunAsync(Binary, arguments, Path.GetTempPath(), Environment(emulator), TimeSpan.FromMinutes(3));

    /// <summary>What the emulator guide tells the reader to export.</summary>
    public static Dictionary<string, string?> Environment(EmulatorProcess emulator)
    {
        var cli = Path.GetDirectoryName(Binary) is { Length: > 0 } dir ? dir + ":" : "";
        return new Dictionary<string, string?>
        {
            ["PATH"] = cli + System.Environment.GetEnvironmentVariable("PATH"),
            ["AWS_ENDPOINT_URL"] = emulator.BaseUrl.ToString().TrimEnd('/'),
            ["AWS_ACCESS_KEY_ID"] = "test",
            ["AWS_SECRET_ACCESS_KEY"] = "test",
            ["AWS_REGION"] = EmulatorProcess.Region,
            ["AWS_DEFAULT_REGION"] = EmulatorProcess.Region,
            ["AWS_SESSION_TOKEN"] = null,
            ["AWS_PROFILE"] = null,
            ["AWS_CONFIG_FILE"] = "/nonexistent/aws-config",
            ["AWS_SHARED_CREDENTIALS_FILE"] = "/nonexistent/aws-credentials",
            ["AWS_EC2_METADATA_DISABLED"] = "true",
            ["AWS_PAGER"] = "",
        };
    }
}
