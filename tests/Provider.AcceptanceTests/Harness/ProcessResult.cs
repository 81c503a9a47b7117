namespace PodIdentity.Provider.AcceptanceTests.Harness;

internal sealed record ProcessResult(int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed)
{
    public string Output => Stdout + Stderr;

    public ProcessResult EnsureSuccess(string what)
    {
        if (ExitCode != 0)
        {
            throw new Xunit.Sdk.XunitException($"{what} exited {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}");
        }

        return this;
    }
}
