using System.Security.Cryptography.X509Certificates;

namespace PodIdentity.Plugin.Hosting.Tests;

/// <summary>One test server with AutoMTLS and TRACE logging, shared by the call-level tests.</summary>
public sealed class TlsServerFixture : IAsyncLifetime
{
    private PluginProcess? _process;

    internal X509Certificate2 ClientCertificate { get; } = TestCertificates.CreateClient();

    internal PluginProcess Process => _process ?? throw new InvalidOperationException("not started");

    internal Handshake Handshake { get; private set; } = null!;

    internal GrpcTestClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _process = await PluginProcess.StartAsync(PluginProcess.TerraformEnv(ClientCertificate, logLevel: "TRACE"));
        Handshake = Handshake.Parse(_process.FirstLine);
        Client = new GrpcTestClient(Handshake, ClientCertificate);
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }

        ClientCertificate.Dispose();
    }
}
