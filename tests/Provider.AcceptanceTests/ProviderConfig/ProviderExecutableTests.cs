using System.Diagnostics;
using PodIdentity.Provider.AcceptanceTests.Harness;

namespace PodIdentity.Provider.AcceptanceTests.ProviderConfig;

/// <summary>The published executable on its own: go-plugin handshake on stdout and nothing else.</summary>
public sealed class ProviderExecutableTests
{
    private const string MagicCookie = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";

    private static string Binary => Path.Combine(TestPaths.ProviderDir, "terraform-provider-aws");

    private static ProcessStartInfo StartedLikeTerraform()
    {
        var info = new ProcessStartInfo(Binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.Environment["TF_PLUGIN_MAGIC_COOKIE"] = MagicCookie;
        info.Environment["PLUGIN_PROTOCOL_VERSIONS"] = "5,6";
        return info;
    }

    [Fact]
    public async Task Handshake_line_is_the_first_stdout_line_and_names_protocol_6()
    {
        var info = StartedLikeTerraform();
        info.Environment.Remove("PLUGIN_CLIENT_CERT");
        info.Environment.Remove("TF_LOG");
        info.Environment.Remove("TF_LOG_PROVIDER");

        using var process = Process.Start(info)!;
        try
        {
            var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
            var parts = line!.Split('|');
            Assert.Equal(["1", "6", "unix"], parts[..3]);
            Assert.StartsWith("/", parts[3]);
            Assert.Equal("grpc", parts[4]);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    // Terraform's certificate is trusted by its pin, so the process's .NET system trust store is left empty
    // instead of parsed (bench/handshake/RESULTS.md); AWS endpoints are covered by SystemRootsCliTests.
    [Fact]
    public async Task Under_terraform_it_loads_no_system_trust_store_for_its_own_tls()
    {
        using var terraformCert = TestCertificates.Authority("terraform");
        var info = StartedLikeTerraform();
        info.Environment["PLUGIN_CLIENT_CERT"] = terraformCert.ExportCertificatePem();
        info.Environment["PODIDENTITY_STARTUP_TRACE"] = "1";

        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            Assert.NotNull(await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        // The mark is written only when the store holds no certificate after the first load.
        Assert.Contains("system trust store left empty", await stderr);
    }

    [Fact]
    public async Task Started_by_hand_it_explains_itself_on_stderr_and_prints_nothing_on_stdout()
    {
        var result = await ProcessRunner.RunAsync(
            Binary, [], Path.GetTempPath(),
            new Dictionary<string, string?> { ["TF_PLUGIN_MAGIC_COOKIE"] = null },
            TimeSpan.FromSeconds(30));
        Assert.NotEqual(0, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.NotEqual("", result.Stderr.Trim());
    }

    // Terraform starts two or three provider processes per command, so start-up time counts several times: on Linux
    // the build is a fixed-address executable whose data needs no rebuilding at start (bench/handshake/RESULTS.md).
    [Fact]
    public void On_Linux_it_is_a_fixed_address_executable()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var header = new byte[18];
        using (var file = File.OpenRead(Binary))
        {
            file.ReadExactly(header);
        }

        Assert.Equal("\u007fELF"u8.ToArray(), header[..4]);
        const ushort Executable = 2; // ET_EXEC; a position-independent executable is ET_DYN (3)
        Assert.Equal(Executable, BitConverter.ToUInt16(header, 16));
    }

    // The GC's first-generation budget otherwise follows the L3 cache size, and a plan of 500 associations peaked
    // at 45 MiB on a 32 MiB-L3 machine (target 40; bench/plan/RESULTS.md). The native runtime reads the embedded
    // option as a name and a hex value, each NUL-terminated, from the executable's settings block.
    [Fact]
    public void The_executable_carries_a_small_first_generation_budget_for_the_gc()
    {
        var image = File.ReadAllBytes(Binary);
        Assert.True(
            image.AsSpan().IndexOf("\0GCgen0size\0200000\0"u8) >= 0,
            "the runtime option GCgen0size=200000 (2 MiB) is not embedded in the executable");
    }
}
