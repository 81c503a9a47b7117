using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using PodIdentity.TestSupport;
using Xunit;

namespace PodIdentity.Aws.Clients.Tests;

/// <summary>
/// The real transport (SocketsHttpHandler) against a loopback HTTPS server with a self-signed certificate:
/// custom_ca_bundle and insecure decide whether it is trusted, and signed requests arrive intact.
/// </summary>
public sealed class LoopbackTlsTests : IAsyncLifetime, IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("aws-tls-");
    private readonly X509Certificate2 _cert = TestCertificates.LoopbackServer("aws-clients-test");
    private LoopbackHttpsServer _server = null!;

    public async Task InitializeAsync()
    {
        File.WriteAllText(Path.Combine(_dir.FullName, "ca.pem"), _cert.ExportCertificatePem());
        _server = await LoopbackHttpsServer.StartAsync(new HttpsConnectionAdapterOptions { ServerCertificate = _cert });
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose()
    {
        _cert.Dispose();
        _dir.Delete(recursive: true);
    }

    private AwsClients Clients(string? caBundle, bool insecure) => AwsClients.Create(new AwsProviderConfig
    {
        Region = "us-east-1",
        AccessKey = "AKIDTLS",
        SecretKey = "tls-secret",
        MaxRetries = 0,
        CustomCaBundle = caBundle,
        Insecure = insecure,
        Endpoints = new() { Eks = _server.Url },
    }, new AwsClientOptions { Environment = new Dictionary<string, string>() });

    [Fact]
    public async Task Custom_ca_bundle_trusts_the_server()
    {
        using var clients = Clients(Path.Combine(_dir.FullName, "ca.pem"), insecure: false);
        var cluster = await clients.Eks.DescribeClusterAsync("over-tls", default);
        Assert.Equal("over-tls", cluster.Name);
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDTLS/", Assert.Single(_server.Authorizations));
    }

    [Fact]
    public async Task An_untrusted_certificate_is_refused_without_retrying()
    {
        var calls = new List<AwsCallInfo>();
        using var clients = AwsClients.Create(new AwsProviderConfig
        {
            Region = "us-east-1",
            AccessKey = "AKIDTLS",
            SecretKey = "tls-secret",
            Endpoints = new() { Eks = _server.Url },
        }, new AwsClientOptions { Environment = new Dictionary<string, string>(), OnCall = calls.Add });
        var e = await Assert.ThrowsAsync<HttpRequestException>(() => clients.Eks.DescribeClusterAsync("c", default));
        Assert.Contains("after 1 attempt(s)", e.Message);
        Assert.Equal("ConnectionError", Assert.Single(calls).ErrorCode);
        Assert.Empty(_server.Authorizations);
    }

    [Fact]
    public async Task Insecure_skips_verification()
    {
        using var clients = Clients(null, insecure: true);
        Assert.Equal("c", (await clients.Eks.DescribeClusterAsync("c", default)).Name);
    }
}
