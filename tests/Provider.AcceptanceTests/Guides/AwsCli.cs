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
        var environment = IsolatedAws.Environment("/nonexistent");
        environment["PATH"] = cli + System.Environment.GetEnvironmentVariable("PATH");
        environment["AWS_ENDPOINT_URL"] = emulator.BaseUrl.ToString().TrimEnd('/');
        environment["AWS_ACCESS_KEY_ID"] = "test";
        environment["AWS_SECRET_ACCESS_KEY"] = "test";
        environment["AWS_REGION"] = EmulatorSeed.Region;
        environment["AWS_DEFAULT_REGION"] = EmulatorSeed.Region;
        environment["AWS_SESSION_TOKEN"] = null;
        environment["AWS_PAGER"] = "";
        return environment;
    }
}
