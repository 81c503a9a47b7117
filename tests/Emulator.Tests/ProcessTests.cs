using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace PodIdentity.Emulator.Tests;

/// <summary>The executable's contract: first stdout line, flags, health, clean exit on SIGTERM.</summary>
public sealed class ProcessTests
{
    private static Process Start(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "aws-emulator.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        return Process.Start(info)!;
    }

    [Fact]
    public async Task PrintsItsBaseUrlFirstServesHealthAndStopsOnSigterm()
    {
        using var process = Start("--listen", "127.0.0.1:0");
        try
        {
            var first = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
            var url = Regex.Match(first ?? "", @"http://127\.0\.0\.1:\d+").Value;
            Assert.NotEqual("", url);
            using var http = new HttpClient();
            var health = await http.GetAsync(url + "/_emulator/health");
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            Assert.Equal("""{"status":"ok"}""", await health.Content.ReadAsStringAsync());

            Assert.Equal(0, Kill(process.Id, "TERM"));
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15));
            Assert.Equal(0, process.ExitCode);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
    }

    [Fact]
    public async Task RejectsUnknownFlagsWithExitCode2()
    {
        using var process = Start("--no-such-flag");
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(2, process.ExitCode);
        Assert.Contains("unknown flag", await process.StandardError.ReadToEndAsync());
        Assert.Equal("", await process.StandardOutput.ReadToEndAsync());
    }

    private static int Kill(int pid, string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, pid.ToString()]);
        kill.WaitForExit();
        return kill.ExitCode;
    }
}
