namespace PodIdentity.Provider.AcceptanceTests.Harness;

/// <param name="ProviderLog">The file the provider's DEBUG log of this run went to (TF_LOG_PATH), if it kept one.</param>
internal sealed record ProcessResult(int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed, string? ProviderLog = null)
{
    private const int LogTailLines = 60;

    public string Output => Stdout + Stderr;

    /// <summary>
    /// Everything a failure message needs: exit code, stdout, stderr and the tail of the provider's log (a provider that
    /// died or hung at start-up shows in Terraform's output only as "Plugin did not respond").
    /// </summary>
    public string Report
    {
        get
        {
            var report = $"exited {ExitCode} after {Elapsed.TotalSeconds:F1} s\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
            return ProviderLog is null ? report : $"{report}\n--- provider log {ProviderLog} (last {LogTailLines} lines)\n{LogTail(ProviderLog)}";
        }
    }

    public ProcessResult EnsureSuccess(string what) => EnsureExit(0, what);

    /// <summary>Fails unless the run exited <paramref name="expected"/>, with the whole <see cref="Report"/>.</summary>
    public ProcessResult EnsureExit(int expected, string what)
    {
        if (ExitCode != expected)
        {
            throw new Xunit.Sdk.XunitException($"{what}: expected exit {expected}, {Report}");
        }

        return this;
    }

    /// <summary>The last lines of a provider log file.</summary>
    public static string LogTail(string path)
    {
        try
        {
            return File.Exists(path) ? string.Join('\n', File.ReadLines(path).TakeLast(LogTailLines)) : "(no log written)";
        }
        catch (IOException e)
        {
            return "(unreadable: " + e.Message + ")";
        }
    }
}
