using System.Diagnostics;

namespace PodIdentity.Aws.Clients;

/// <summary>A profile's <c>credential_process</c>: a command that prints credentials as JSON (Version 1).</summary>
internal sealed class ProcessCredentialSource(string command, string profileName, TimeProvider time) : RefreshingCredentialSource(time)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(1);

    public override string Name => $"credential_process of profile \"{profileName}\"";

    protected override async Task<AwsCredentialSet> FetchAsync(CancellationToken cancellationToken)
    {
        // Through the shell, as the AWS CLI does, so quoting and arguments work the same. Its stderr is the
        // provider's (Terraform's log); only stdout is read.
        var start = OperatingSystem.IsWindows() ? new ProcessStartInfo("cmd.exe", ["/C", command]) : new ProcessStartInfo("/bin/sh", ["-c", command]);
        start.RedirectStandardOutput = true;
        start.UseShellExecute = false;
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new AwsCredentialsException($"{Name} could not be started.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new AwsCredentialsException($"{Name} could not be started: {e.Message}", e);
        }

        using (process)
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timeout.CancelAfter(Timeout);
            try
            {
                var output = new MemoryStream();
                await process.StandardOutput.BaseStream.CopyToAsync(output, timeout.Token).ConfigureAwait(false);
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
                if (process.ExitCode != 0)
                {
                    throw new AwsCredentialsException($"{Name} exited with code {process.ExitCode}.");
                }

                return CredentialJson.Read(output.GetBuffer().AsSpan(0, (int)output.Length), Name);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                throw new AwsCredentialsException($"{Name} did not finish within {Timeout.TotalSeconds:0} s.");
            }
        }
    }
}
