using System.Diagnostics;
using System.Net.Http;
using System.Text.Json;
using Google.Protobuf.WellKnownTypes;
using PluginEmpty = PodIdentity.Plugin.Hosting.Protos.Empty;

namespace PodIdentity.Plugin.Hosting.Tests;

/// <summary>Whole-process behaviour: refusals, TLS pinning, shutdown, signals, transports, debug mode.</summary>
public sealed class ProcessLifecycleTests
{
    [Fact]
    public async Task RunByHandExitsOneWithNothingOnStdout()
    {
        var (exitCode, stdout, stderr) = await PluginProcess.RunToExitAsync(new Dictionary<string, string?>());
        Assert.Equal(1, exitCode);
        Assert.Equal(string.Empty, stdout);
        Assert.Contains("Terraform", stderr);
    }

    [Fact]
    public async Task WrongCookieExitsOne()
    {
        var env = PluginProcess.TerraformEnv(null);
        env["TF_PLUGIN_MAGIC_COOKIE"] = "not-the-cookie";
        var (exitCode, stdout, _) = await PluginProcess.RunToExitAsync(env);
        Assert.Equal(1, exitCode);
        Assert.Equal(string.Empty, stdout);
    }

    [Fact]
    public async Task ProtocolFiveOnlyIsRefused()
    {
        var env = PluginProcess.TerraformEnv(null);
        env["PLUGIN_PROTOCOL_VERSIONS"] = "5";
        var (exitCode, stdout, stderr) = await PluginProcess.RunToExitAsync(env);
        Assert.Equal(1, exitCode);
        Assert.Equal(string.Empty, stdout);
        Assert.Contains("protocol 6", stderr);
    }

    [Fact]
    public async Task FailedRegistrationExitsOneBeforeTheHandshake()
    {
        using var terraform = TestCertificates.CreateClient();
        var (exitCode, stdout, stderr) = await PluginProcess.RunToExitAsync(PluginProcess.TerraformEnv(terraform), "--fail-register");
        Assert.Equal(1, exitCode);
        Assert.Equal(string.Empty, stdout);
        Assert.Contains("schema is malformed", stderr);
    }

    [Fact]
    public async Task OnlyThePinnedClientCertificateIsAccepted()
    {
        using var terraform = TestCertificates.CreateClient();
        using var stranger = TestCertificates.CreateClient();
        await using var plugin = await PluginProcess.StartAsync(PluginProcess.TerraformEnv(terraform, logLevel: "DEBUG"));
        var handshake = Handshake.Parse(plugin.FirstLine);

        using (var wrong = new GrpcTestClient(handshake, stranger))
        {
            await Assert.ThrowsAsync<HttpRequestException>(() => wrong.CallAsync("/test.Test/Echo", new StringValue { Value = "x" }));
        }

        using (var none = new GrpcTestClient(handshake, null))
        {
            await Assert.ThrowsAsync<HttpRequestException>(() => none.CallAsync("/test.Test/Echo", new StringValue { Value = "x" }));
        }

        using var right = new GrpcTestClient(handshake, terraform);
        var result = await right.CallAsync("/test.Test/Echo", new StringValue { Value = "x" });
        Assert.Equal(0, result.Status);
    }

    [Fact]
    public async Task ShutdownEndsTheProcessPromptlyAndCleansUp()
    {
        using var terraform = TestCertificates.CreateClient();
        await using var plugin = await PluginProcess.StartAsync(PluginProcess.TerraformEnv(terraform));
        var handshake = Handshake.Parse(plugin.FirstLine);
        using var client = new GrpcTestClient(handshake, terraform);

        // An open stdio stream (as go-plugin keeps) must not hold the shutdown up.
        var stdio = client.CallAsync("/plugin.GRPCStdio/StreamStdio", new Empty());
        Assert.Equal(0, (await client.CallAsync("/test.Test/Echo", new StringValue { Value = "warm" })).Status);

        var clock = Stopwatch.StartNew();
        var result = await client.CallAsync("/plugin.GRPCController/Shutdown", new PluginEmpty());
        Assert.Equal(0, result.Status);
        Assert.Single(result.Messages);
        Assert.True(await plugin.WaitForExitAsync(TimeSpan.FromSeconds(5)), "process still running 5 s after Shutdown");
        var elapsed = clock.Elapsed;
        Assert.True(elapsed < TimeSpan.FromSeconds(2), $"exit took {elapsed.TotalMilliseconds:F0} ms");
        Assert.Equal(0, plugin.ExitCode);

        var stdioResult = await stdio.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Empty(stdioResult.Messages);

        Assert.False(Directory.Exists(Path.GetDirectoryName(handshake.Address)), "the private socket folder is removed");
        Assert.Equal(string.Empty, await plugin.StdoutAfterFirstLineAsync());
    }

    [Fact]
    public async Task NothingButTheHandshakeReachesStdout()
    {
        using var terraform = TestCertificates.CreateClient();
        await using var plugin = await PluginProcess.StartAsync(PluginProcess.TerraformEnv(terraform, logLevel: "TRACE"));
        using var client = new GrpcTestClient(Handshake.Parse(plugin.FirstLine), terraform);
        await client.CallAsync("/test.Test/WriteConsole", new Empty());
        await client.CallAsync("/test.Test/Throw", new Empty());
        await client.CallAsync("/plugin.GRPCController/Shutdown", new PluginEmpty());
        Assert.True(await plugin.WaitForExitAsync(TimeSpan.FromSeconds(5)));

        Assert.StartsWith("1|6|unix|", plugin.FirstLine);
        Assert.Equal(string.Empty, await plugin.StdoutAfterFirstLineAsync());
        Assert.Contains("stray console output", plugin.Stderr);
    }

    [Fact]
    public async Task SigintIsIgnoredAndSigtermStops()
    {
        await using var plugin = await PluginProcess.StartAsync(PluginProcess.TerraformEnv(null));
        var handshake = Handshake.Parse(plugin.FirstLine);
        using var client = new GrpcTestClient(handshake, null);

        plugin.Signal("INT");
        await Task.Delay(300);
        Assert.False(plugin.HasExited, "SIGINT must not stop a provider that Terraform owns");
        Assert.Equal(0, (await client.CallAsync("/test.Test/Echo", new StringValue { Value = "alive" })).Status);

        plugin.Signal("TERM");
        Assert.True(await plugin.WaitForExitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(0, plugin.ExitCode);
    }

    [Fact]
    public async Task WithoutClientCertificateServesPlaintextH2c()
    {
        await using var plugin = await PluginProcess.StartAsync(PluginProcess.TerraformEnv(null));
        var handshake = Handshake.Parse(plugin.FirstLine);
        Assert.Null(handshake.Certificate);
        Assert.Equal(string.Empty, handshake.CertificateField);

        using var client = new GrpcTestClient(handshake, null);
        var result = await client.CallAsync("/test.Test/Echo", new StringValue { Value = "h2c" });
        Assert.Equal(0, result.Status);
    }

    [Fact]
    public async Task UnixSocketGoesUnderPluginUnixSocketDir()
    {
        var parent = Directory.CreateTempSubdirectory("hosting-test").FullName;
        try
        {
            var env = PluginProcess.TerraformEnv(null);
            env["PLUGIN_UNIX_SOCKET_DIR"] = parent;
            await using var plugin = await PluginProcess.StartAsync(env);
            var handshake = Handshake.Parse(plugin.FirstLine);
            Assert.StartsWith(parent + "/", handshake.Address);

            using var client = new GrpcTestClient(handshake, null);
            Assert.Equal(0, (await client.CallAsync("/plugin.GRPCController/Shutdown", new PluginEmpty())).Status);
            Assert.True(await plugin.WaitForExitAsync(TimeSpan.FromSeconds(5)));
            Assert.Empty(Directory.GetFileSystemEntries(parent));
        }
        finally
        {
            Directory.Delete(parent, recursive: true);
        }
    }

    [Fact]
    public async Task TcpTransportUsesLoopbackInsideThePortRange()
    {
        using var terraform = TestCertificates.CreateClient();
        var env = PluginProcess.TerraformEnv(terraform);
        env["PLUGIN_MIN_PORT"] = "20000";
        env["PLUGIN_MAX_PORT"] = "20999";
        await using var plugin = await PluginProcess.StartAsync(env, "--tcp");
        var handshake = Handshake.Parse(plugin.FirstLine);
        Assert.Equal("tcp", handshake.Network);
        var endPoint = System.Net.IPEndPoint.Parse(handshake.Address);
        Assert.Equal(System.Net.IPAddress.Loopback, endPoint.Address);
        Assert.InRange(endPoint.Port, 20000, 20999);

        using var client = new GrpcTestClient(handshake, terraform);
        Assert.Equal(0, (await client.CallAsync("/test.Test/Echo", new StringValue { Value = "tcp" })).Status);
    }

    [Fact]
    public async Task DebugModePrintsAWorkingReattachLineAndStopsOnCtrlC()
    {
        await using var plugin = await PluginProcess.StartAsync(new Dictionary<string, string?>(), "--debug");
        var text = plugin.FirstLine + "\n" + await ReadUntilAsync(plugin, "TF_REATTACH_PROVIDERS='");
        var line = text.Split('\n').Single(l => l.StartsWith("TF_REATTACH_PROVIDERS='", StringComparison.Ordinal));
        var json = line["TF_REATTACH_PROVIDERS='".Length..^1];
        using var doc = JsonDocument.Parse(json);
        var entry = doc.RootElement.GetProperty("registry.terraform.io/podidentity/aws");
        Assert.Equal(plugin.Pid, entry.GetProperty("Pid").GetInt32());
        Assert.True(entry.GetProperty("Test").GetBoolean());
        var addr = entry.GetProperty("Addr");
        Assert.Equal("unix", addr.GetProperty("Network").GetString());

        var handshake = new Handshake("unix", addr.GetProperty("String").GetString()!, string.Empty, null);
        using var client = new GrpcTestClient(handshake, null);
        Assert.Equal(0, (await client.CallAsync("/test.Test/Echo", new StringValue { Value = "debug" })).Status);

        plugin.Signal("INT");
        Assert.True(await plugin.WaitForExitAsync(TimeSpan.FromSeconds(5)), "Ctrl-C stops a debug session");
        Assert.Equal(0, plugin.ExitCode);
    }

    private static async Task<string> ReadUntilAsync(PluginProcess plugin, string marker)
    {
        // Stdout keeps flowing in debug mode; the pump collects it until the process ends, so poll the buffer.
        for (var i = 0; i < 100; i++)
        {
            var text = await PeekStdoutAsync(plugin);
            if (text.Contains(marker, StringComparison.Ordinal) && text.EndsWith('\n'))
            {
                return text;
            }

            await Task.Delay(50);
        }

        Assert.Fail("stdout never showed " + marker);
        return string.Empty;
    }

    private static Task<string> PeekStdoutAsync(PluginProcess plugin) => Task.FromResult(plugin.StdoutSoFar);
}
