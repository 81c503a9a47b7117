using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
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
    private readonly List<X509Certificate2> _certificates = [];
    private WebApplication? _app;
    private string _url = "";
    private string _rootPem = "";

    public async Task InitializeAsync()
    {
        var root = Issue("CN=test root", issuer: null, authority: true);
        var intermediate = Issue("CN=test intermediate", root, authority: true);
        var leaf = Issue("CN=eks.test", intermediate, authority: false);
        _rootPem = Path.Combine(_dir.FullName, "root.pem");
        File.WriteAllText(_rootPem, root.ExportCertificatePem());

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, o => o.UseHttps(new HttpsConnectionAdapterOptions
        {
            ServerCertificate = leaf,
            ServerCertificateChain = [intermediate],
        })));
        _app = builder.Build();
        _app.MapGet("/clusters/{name}", (string name) => Results.Text("{\"cluster\":{\"name\":\"" + name + "\"}}", "application/json"));
        await _app.StartAsync();
        _url = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
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
        _certificates.ForEach(c => c.Dispose());
        _dir.Delete(recursive: true);
    }

    private X509Certificate2 Issue(string subject, X509Certificate2? issuer, bool authority)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(authority, false, 0, true));
        if (!authority)
        {
            var san = new SubjectAlternativeNameBuilder();
            san.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(san.Build());
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        }

        var from = DateTimeOffset.UtcNow.AddMinutes(-5);
        X509Certificate2 certificate;
        if (issuer is null)
        {
            certificate = request.CreateSelfSigned(from, from.AddHours(3));
        }
        else
        {
            using var signed = request.Create(issuer, from, from.AddHours(2), Guid.NewGuid().ToByteArray());
            certificate = signed.CopyWithPrivateKey(key);
        }

        _certificates.Add(certificate);
        return certificate;
    }

    private AwsClients Clients(IReadOnlyDictionary<string, string> environment) => AwsClients.Create(new AwsProviderConfig
    {
        Region = "us-east-1",
        AccessKey = "AKIDTLS",
        SecretKey = "tls-secret",
        MaxRetries = 0,
        Endpoints = new() { Eks = _url },
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
        var other = Issue("CN=other root", issuer: null, authority: true);
        var otherPem = Path.Combine(_dir.FullName, "other.pem");
        await File.WriteAllTextAsync(otherPem, other.ExportCertificatePem());
        var empty = Directory.CreateDirectory(Path.Combine(_dir.FullName, "none")).FullName;

        using var clients = Clients(new Dictionary<string, string> { ["SSL_CERT_FILE"] = otherPem, ["SSL_CERT_DIR"] = empty });
        await Assert.ThrowsAsync<HttpRequestException>(() => clients.Eks.DescribeClusterAsync("c", default));
    }
}
