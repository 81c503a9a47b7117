using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using PodIdentity.TestSupport;
using Xunit;

namespace PodIdentity.Aws.Clients.Tests;

/// <summary>
/// Without custom_ca_bundle, AWS endpoints are checked against the system roots we read ourselves (SystemTrust):
/// a server whose certificate comes from an intermediate it sends is trusted when its root is among them, and
/// refused when it is not.
/// </summary>
public sealed class SystemRootsTlsTests : IAsyncLifetime, IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("aws-system-roots-");
    private readonly X509Certificate2 _root = TestCertificates.Authority("test root");
    private X509Certificate2 _intermediate = null!;
    private X509Certificate2 _leaf = null!;
    private LoopbackHttpsServer _server = null!;
    private string _rootPem = "";

    public async Task InitializeAsync()
    {
        _intermediate = TestCertificates.Authority("test intermediate", _root);
        _leaf = TestCertificates.LoopbackServer("eks.test", _intermediate);
        _rootPem = Path.Combine(_dir.FullName, "root.pem");
        await File.WriteAllTextAsync(_rootPem, _root.ExportCertificatePem());
        _server = await LoopbackHttpsServer.StartAsync(new HttpsConnectionAdapterOptions
        {
            ServerCertificate = _leaf,
            ServerCertificateChain = [_intermediate],
        });
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose()
    {
        _leaf.Dispose();
        _intermediate.Dispose();
        _root.Dispose();
        _dir.Delete(recursive: true);
    }

    private AwsClients Clients(IReadOnlyDictionary<string, string> environment) => AwsClients.Create(new AwsProviderConfig
    {
        Region = "us-east-1",
        AccessKey = "AKIDTLS",
        SecretKey = "tls-secret",
        MaxRetries = 0,
        Endpoints = new() { Eks = _server.Url },
    }, new AwsClientOptions { Environment = environment });

    [Fact]
    public async Task A_server_chained_to_a_system_root_is_trusted()
    {
        if (!SystemTrust.Applies)
        {
            return;
        }

        var empty = Directory.CreateDirectory(Path.Combine(_dir.FullName, "certs")).FullName;
        using var clients = Clients(new Dictionary<string, string> { ["SSL_CERT_FILE"] = _rootPem, ["SSL_CERT_DIR"] = empty });
        Assert.Equal("chained", (await clients.Eks.DescribeClusterAsync("chained", default)).Name);
    }

    [Fact]
    public async Task A_server_whose_root_is_not_a_system_root_is_refused()
    {
        using var other = TestCertificates.Authority("other root");
        var otherPem = Path.Combine(_dir.FullName, "other.pem");
        await File.WriteAllTextAsync(otherPem, other.ExportCertificatePem());
        var empty = Directory.CreateDirectory(Path.Combine(_dir.FullName, "none")).FullName;

        using var clients = Clients(new Dictionary<string, string> { ["SSL_CERT_FILE"] = otherPem, ["SSL_CERT_DIR"] = empty });
        await Assert.ThrowsAsync<HttpRequestException>(() => clients.Eks.DescribeClusterAsync("c", default));
    }
}
