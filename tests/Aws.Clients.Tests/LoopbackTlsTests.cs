using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace PodIdentity.Aws.Clients.Tests;

/// <summary>
/// The real transport (SocketsHttpHandler) against a loopback HTTPS server with a self-signed certificate:
/// custom_ca_bundle and insecure decide whether it is trusted, and signed requests arrive intact.
/// </summary>
public sealed class LoopbackTlsTests : IAsyncLifetime, IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("aws-tls-");
    private readonly List<string> _authorizations = [];
    private WebApplication? _app;
    private X509Certificate2? _cert;
    private string _url = "";

    public async Task InitializeAsync()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=aws-clients-test", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        _cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        File.WriteAllText(Path.Combine(_dir.FullName, "ca.pem"), _cert.ExportCertificatePem());

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, o => o.UseHttps(_cert)));
        _app = builder.Build();
        _app.MapGet("/clusters/{name}", (HttpContext ctx, string name) =>
        {
            _authorizations.Add(ctx.Request.Headers.Authorization.ToString());
            return Results.Text("{\"cluster\":{\"name\":\"" + name + "\"}}", "application/json");
        });
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _url = address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal);
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    public void Dispose()
    {
        _cert?.Dispose();
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
        Endpoints = new() { Eks = _url },
    }, new AwsClientOptions { Environment = new Dictionary<string, string>() });

    [Fact]
    public async Task Custom_ca_bundle_trusts_the_server()
    {
        using var clients = Clients(Path.Combine(_dir.FullName, "ca.pem"), insecure: false);
        var cluster = await clients.Eks.DescribeClusterAsync("over-tls", default);
        Assert.Equal("over-tls", cluster.Name);
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDTLS/", Assert.Single(_authorizations));
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
            Endpoints = new() { Eks = _url },
        }, new AwsClientOptions { Environment = new Dictionary<string, string>(), OnCall = calls.Add });
        var e = await Assert.ThrowsAsync<HttpRequestException>(() => clients.Eks.DescribeClusterAsync("c", default));
        Assert.Contains("after 1 attempt(s)", e.Message);
        Assert.Equal("ConnectionError", Assert.Single(calls).ErrorCode);
        Assert.Empty(_authorizations);
    }

    [Fact]
    public async Task Insecure_skips_verification()
    {
        using var clients = Clients(null, insecure: true);
        Assert.Equal("c", (await clients.Eks.DescribeClusterAsync("c", default)).Name);
    }
}
