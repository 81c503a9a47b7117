using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;

namespace PodIdentity.TestSupport.Emulator;

/// <summary>
/// The published aws-emulator (<see cref="TestPaths.EmulatorBinary"/>) on a free loopback port, started from a seed
/// (<see cref="EmulatorSeed.Lab"/> when none is given), with its admin API. Disposing stops it.
/// </summary>
public sealed class EmulatorProcess : EmulatorAdmin, IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _folder;
    private readonly StringBuilder _stderr;

    private EmulatorProcess(Process process, string folder, Uri baseUrl, StringBuilder stderr)
        : base(baseUrl)
    {
        _process = process;
        _folder = folder;
        _stderr = stderr;
    }

    /// <summary>What the emulator wrote to stderr so far (for failure messages).</summary>
    public string StandardError
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <param name="seed">The seed file's content; <see cref="EmulatorSeed.Lab"/> when null.</param>
    /// <param name="extraArgs">More command-line options, e.g. "--addon-transition", "0.2".</param>
    public static async Task<EmulatorProcess> StartAsync(JsonObject? seed = null, params string[] extraArgs)
    {
        var folder = Directory.CreateTempSubdirectory("emulator-").FullName;
        var seedPath = Path.Combine(folder, "seed.json");
        await File.WriteAllTextAsync(seedPath, (seed ?? EmulatorSeed.Lab()).ToJsonString());

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

        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the emulator " + info.FileName);
        var stderr = new StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            lock (stderr)
            {
                stderr.AppendLine(e.Data);
            }
        };
        process.BeginErrorReadLine();
        // Ready means listening: its first stdout line is "... http://127.0.0.1:PORT ...".
        string? firstLine;
        try
        {
            firstLine = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
            firstLine = null;
        }

        var start = firstLine?.IndexOf("http://", StringComparison.Ordinal) ?? -1;
        if (start < 0)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            string errors;
            lock (stderr)
            {
                errors = stderr.ToString();
            }

            throw new InvalidOperationException($"no base URL in the emulator's first line: {firstLine ?? "(none)"}\n{errors}");
        }

        // Keep draining stdout so the emulator never blocks on a full pipe.
        _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
        var url = firstLine![start..].Split(' ', StringSplitOptions.RemoveEmptyEntries)[0].TrimEnd('/', '.', ',');
        return new EmulatorProcess(process, folder, new Uri(url + "/"), stderr);
    }

    public async ValueTask DisposeAsync()
    {
        Dispose();
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
}
