using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PodIdentity.Plugin.Hosting.Internal;

/// <summary>
/// The server side of AutoMTLS, prepared in the background while the main thread binds the socket: the
/// certificate (needed for the handshake line) and the SslStream certificate context (needed by the first TLS
/// connection, which Terraform opens within milliseconds of the line). On Linux every chain build, including
/// the one inside SslStreamCertificateContext.Create and the one SslStream makes for the client certificate,
/// first loads and parses the whole system trust store (~100-250 ms). That load does not need our certificate,
/// so it runs on its own task from the start instead of after the certificate.
/// </summary>
internal sealed class ServerTls : IDisposable
{
    private ServerTls(byte[] pinnedClient)
    {
        PinnedClient = pinnedClient;
        var trustStore = PluginHost.StartDedicated(() => WarmTrustStore(pinnedClient));
        Certificate = PluginHost.StartDedicated(() =>
        {
            StartupTrace.Mark("certificate start");
            var certificate = AutoMtls.CreateServerCertificate(DateTimeOffset.UtcNow);
            StartupTrace.Mark("certificate done");
            return certificate;
        });
        Context = Task.Run(async () =>
        {
            var certificate = await Certificate.ConfigureAwait(false);
            await trustStore.ConfigureAwait(false);
            StartupTrace.Mark("certificate context start");
            var context = SslStreamCertificateContext.Create(certificate, additionalCertificates: null, offline: true);
            StartupTrace.Mark("certificate context done");
            return context;
        });
    }

    /// <summary>DER bytes of Terraform's client certificate (PLUGIN_CLIENT_CERT).</summary>
    public byte[] PinnedClient { get; }

    public Task<X509Certificate2> Certificate { get; }

    public Task<SslStreamCertificateContext> Context { get; }

    public static ServerTls Start(byte[] pinnedClient) => new(pinnedClient);

    public void Dispose()
    {
        if (Certificate.IsCompletedSuccessfully)
        {
            Certificate.Result.Dispose();
        }
    }

    /// <summary>The same chain build SslStream will make for Terraform's certificate: it fills the process-wide
    /// trust store cache. The result does not matter (the pin decides); a failure only loses the head start.</summary>
    private static void WarmTrustStore(byte[] pinnedClient)
    {
        StartupTrace.Mark("trust store start");
        try
        {
            using var client = X509CertificateLoader.LoadCertificate(pinnedClient);
            using var chain = new X509Chain();
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            chain.ChainPolicy.DisableCertificateDownloads = true;
            chain.Build(client);
            foreach (var element in chain.ChainElements)
            {
                element.Certificate.Dispose();
            }

            StartupTrace.Mark("trust store done");
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            Log.Debug("could not pre-load the system trust store", ("error", ex.Message));
        }
    }
}
