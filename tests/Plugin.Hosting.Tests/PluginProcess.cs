using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace PodIdentity.Plugin.Hosting.Tests;

/// <summary>The test server run as a child process, the way Terraform runs a provider.</summary>
internal sealed class PluginProcess : IAsyncDisposable
{
    public const string Cookie = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";

    private readonly Process _process;
    private readonly StringBuilder _stderr;
    private readonly StringBuilder _stdoutRest;
    private readonly Task _stdoutPump;

    private PluginProcess(Process process, string firstLine, Task stdoutPump, StringBuilder stdoutRest, StringBuilder stderr)
    {
        _process = process;
        FirstLine = firstLine;
        _stdoutPump = stdoutPump;
        _stdoutRest = stdoutRest;
        _stderr = stderr;
    }

    public string FirstLine { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>Stdout after the first line, as far as it has arrived.</summary>
    public string StdoutSoFar
    {
        get
        {
            lock (_stdoutRest)
            {
                return _stdoutRest.ToString();
            }
        }
    }

    /// <summary>Everything written to stdout after the first line, once the process has ended (must stay empty).</summary>
    public async Task<string> StdoutAfterFirstLineAsync()
    {
        await _stdoutPump.WaitAsync(TimeSpan.FromSeconds(10));
        lock (_stdoutRest)
        {
            return _stdoutRest.ToString();
        }
    }

    public static ProcessStartInfo StartInfo(IEnumerable<string> args, IDictionary<string, string?> env)
    {
        var (fileName, prefix) = ServerCommand();
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in prefix.Concat(args))
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var key in new[] { "TF_PLUGIN_MAGIC_COOKIE", "PLUGIN_PROTOCOL_VERSIONS", "PLUGIN_CLIENT_CERT", "TF_LOG", "TF_LOG_PROVIDER" })
        {
            info.Environment.Remove(key);
        }

        foreach (var (key, value) in env)
        {
            info.Environment[key] = value;
        }

        return info;
    }

    /// <summary>Starts the server and waits for its first stdout line.</summary>
    public static async Task<PluginProcess> StartAsync(IDictionary<string, string?> env, params string[] args)
    {
        var process = Process.Start(StartInfo(args, env)) ?? throw new InvalidOperationException("could not start the test server");
        var stderr = new StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (stderr)
                {
                    stderr.Append(e.Data).Append('\n');
                }
            }
        };
        process.BeginErrorReadLine();

        var firstLine = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30))
            ?? throw new InvalidOperationException("the test server closed stdout without a handshake; stderr: " + stderr);
        var rest = new StringBuilder();
        var pump = Task.Run(async () =>
        {
            var buffer = new char[4096];
            int read;
            while ((read = await process.StandardOutput.ReadAsync(buffer)) > 0)
            {
                lock (rest)
                {
                    rest.Append(buffer, 0, read);
                }
            }
        });
        return new PluginProcess(process, firstLine, pump, rest, stderr);
    }

    /// <summary>Terraform's environment for a TLS session with <paramref name="client"/> as its certificate.</summary>
    public static Dictionary<string, string?> TerraformEnv(X509Certificate2? client, string? logLevel = null)
    {
        var env = new Dictionary<string, string?>
        {
            ["TF_PLUGIN_MAGIC_COOKIE"] = Cookie,
            ["PLUGIN_PROTOCOL_VERSIONS"] = "5,6",
            ["PLUGIN_MIN_PORT"] = "10000",
            ["PLUGIN_MAX_PORT"] = "25000",
        };
        if (client is not null)
        {
            env["PLUGIN_CLIENT_CERT"] = client.ExportCertificatePem();
        }

        if (logLevel is not null)
        {
            env["TF_LOG"] = logLevel;
        }

        return env;
    }

    /// <summary>Runs the server to completion (for refusals); returns exit code, stdout and stderr.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunToExitAsync(IDictionary<string, string?> env, params string[] args)
    {
        using var process = Process.Start(StartInfo(args, env)) ?? throw new InvalidOperationException("could not start the test server");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw;
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public int ExitCode => _process.ExitCode;

    public void Signal(string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    /// <summary>The test server's dll next to this assembly, run with the same dotnet host; or
    /// PLUGIN_HOSTING_TEST_SERVER, e.g. a ReadyToRun publish.</summary>
    private static (string FileName, string[] Prefix) ServerCommand()
    {
        var overridePath = Environment.GetEnvironmentVariable("PLUGIN_HOSTING_TEST_SERVER");
        if (!string.IsNullOrEmpty(overridePath))
        {
            return (overridePath, []);
        }

        var dll = Path.Combine(AppContext.BaseDirectory, "PodIdentity.Plugin.Hosting.TestServer.dll");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        return (string.IsNullOrEmpty(dotnet) ? "dotnet" : dotnet, [dll]);
    }
}
