using System.Diagnostics;
using System.Text.Json;

namespace PodIdentity.Provider.AcceptanceTests.Harness;

/// <summary>The CLI the tests run (<c>TF_ACC_TERRAFORM_PATH</c> or <c>terraform</c>): Terraform or OpenTofu, and its version.</summary>
internal static class CliVersion
{
    private static readonly Lazy<(bool OpenTofu, Version? Version)> Detected = new(Detect);

    public static bool IsOpenTofu => Detected.Value.OpenTofu;

    public static Version? Version => Detected.Value.Version;

    public static string Describe => $"{(IsOpenTofu ? "OpenTofu" : "Terraform")} {Version?.ToString() ?? "(unknown version)"} at {TestPaths.TerraformBinary}";

    /// <summary>Why a test needing Terraform at <paramref name="minimum"/> cannot run with this CLI; null when it can.</summary>
    public static string? MissingTerraform(Version minimum, string feature) =>
        IsOpenTofu ? $"{feature} is checked with Terraform >= {minimum}; the CLI is {Describe}."
        : Version is null || Version < minimum ? $"{feature} needs Terraform >= {minimum}; the CLI is {Describe}."
        : null;

    // `version -json` answers {"terraform_version": "1.11.4", ...} from both CLIs; OpenTofu says so in its text output.
    private static (bool, Version?) Detect()
    {
        try
        {
            var info = new ProcessStartInfo(TestPaths.TerraformBinary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            info.ArgumentList.Add("version");
            info.ArgumentList.Add("-json");
            using var process = Process.Start(info)!;
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit(30_000);
            using var json = JsonDocument.Parse(output);
            var text = json.RootElement.GetProperty("terraform_version").GetString() ?? "";
            var core = text.Split('-', '+')[0];
            var openTofu = Path.GetFileName(TestPaths.TerraformBinary).Contains("tofu", StringComparison.OrdinalIgnoreCase)
                || output.Contains("opentofu", StringComparison.OrdinalIgnoreCase);
            return (openTofu, System.Version.TryParse(core, out var v) ? v : null);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return (false, null);
        }
    }
}

/// <summary>A CLI test that needs Terraform at least <c>major.minor</c>; reported as skipped, with the reason, otherwise.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class TerraformFactAttribute : FactAttribute
{
    public TerraformFactAttribute(int major, int minor, string feature)
    {
        if (CliVersion.MissingTerraform(new Version(major, minor), feature) is { } reason)
        {
            Skip = reason;
        }
    }
}
