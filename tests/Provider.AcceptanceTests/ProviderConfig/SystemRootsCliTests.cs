using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using PodIdentity.Provider.AcceptanceTests.Harness;
using static PodIdentity.Provider.AcceptanceTests.ProviderConfig.ProviderConfigFiles;

namespace PodIdentity.Provider.AcceptanceTests.ProviderConfig;

/// <summary>
/// Under Terraform the provider leaves its process-wide .NET trust store empty (ProviderExecutableTests) and checks
/// AWS endpoints against the system roots it reads itself: the emulator behind a TLS proxy whose chain ends in a
/// root named by SSL_CERT_FILE is trusted, and refused when that file names another root.
/// </summary>
public sealed class SystemRootsCliTests(ConfigureEmulatorFixture fixture) : IClassFixture<ConfigureEmulatorFixture>, IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("system-roots-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public async Task Aws_endpoints_are_checked_against_the_system_roots()
    {
        using var root = TestCertificates.Authority("proxy root");
        using var intermediate = TestCertificates.Authority("proxy intermediate", root);
        using var leaf = TestCertificates.LoopbackServer("proxy", intermediate);
        using var otherRoot = TestCertificates.Authority("another root");
        var empty = Directory.CreateDirectory(Path.Combine(_dir.FullName, "certs")).FullName;
        var rootPem = Path.Combine(_dir.FullName, "root.pem");
        var otherPem = Path.Combine(_dir.FullName, "other.pem");
        await File.WriteAllTextAsync(rootPem, root.ExportCertificatePem());
        await File.WriteAllTextAsync(otherPem, otherRoot.ExportCertificatePem());

        await using var proxy = TlsProxy.Start(leaf, intermediate, fixture.Emulator.BaseUrl);

        using (var trusted = Workspace(rootPem, empty, proxy.Url))
        {
            var plan = await trusted.PlanAsync();
            Assert.True(plan.ExitCode == 2, plan.Report);
        }

        Assert.True(proxy.Connections > 0, "the provider never connected through the TLS proxy");
        using var refused = Workspace(otherPem, empty, proxy.Url);
        var result = await refused.PlanAsync();
        result.EnsureExit(1, "a plan whose AWS endpoint has an untrusted certificate");
        Assert.Contains("SSL", result.Stderr);
    }

    private TerraformWorkspace Workspace(string certFile, string certDir, string endpoint) =>
        new TerraformWorkspace(fixture.Emulator)
            .WithEnvironment("SSL_CERT_FILE", certFile)
            .WithEnvironment("SSL_CERT_DIR", certDir)
            .WithEnvironment("AWS_CA_BUNDLE", null)
            .WithEnvironment("AWS_ENDPOINT_URL", endpoint)
            .Write("main.tf", MainTf("  max_retries = 1\n"));

    /// <summary>Terminates TLS on loopback (sending the leaf and its intermediate) and passes the bytes on to the
    /// emulator unchanged, so the signed requests still verify there.</summary>
    private sealed class TlsProxy : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private readonly SslStreamCertificateContext _context;
        private readonly Uri _target;
        private readonly Task _accepting;
        private int _connections;

        private TlsProxy(X509Certificate2 leaf, X509Certificate2 intermediate, Uri target)
        {
            _context = SslStreamCertificateContext.Create(leaf, [intermediate], offline: true);
            _target = target;
            _listener.Start();
            _accepting = AcceptAsync();
        }

        public string Url => $"https://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

        public int Connections => Volatile.Read(ref _connections);

        public static TlsProxy Start(X509Certificate2 leaf, X509Certificate2 intermediate, Uri target) => new(leaf, intermediate, target);

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            try
            {
                await _accepting;
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
            }

            _stop.Dispose();
        }

        private async Task AcceptAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                Interlocked.Increment(ref _connections);
                _ = ServeAsync(client);
            }
        }

        private async Task ServeAsync(TcpClient client)
        {
            using (client)
            using (var upstream = new TcpClient())
            {
                try
                {
                    await using var tls = new SslStream(client.GetStream());
                    await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificateContext = _context }, _stop.Token);
                    await upstream.ConnectAsync(_target.Host, _target.Port, _stop.Token);
                    var plain = upstream.GetStream();
                    await Task.WhenAny(tls.CopyToAsync(plain, _stop.Token), plain.CopyToAsync(tls, _stop.Token));
                }
                catch (Exception ex) when (ex is IOException or AuthenticationException or OperationCanceledException or SocketException)
                {
                    // A refused handshake or a closed connection ends this one only.
                }
            }
        }
    }
}
