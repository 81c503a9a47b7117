using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PodIdentity.Plugin.Hosting.Internal;

/// <summary>
/// The server side of AutoMTLS. On Linux every chain build, including the one inside
/// SslStreamCertificateContext.Create and the one SslStream makes for the client certificate, first loads and parses
/// the whole system trust store (~60 ms of one core here, bench/floors/truststore). That load does not need our
/// certificate, so it runs on a thread of its own from the start; the certificate (needed for the handshake line)
/// is made on the host's lane meanwhile, and the SslStream certificate context (needed by the first TLS
/// connection) once both are done.
/// </summary>
internal sealed class ServerTls : IDisposable
{
    private readonly TaskCompletionSource<X509Certificate2> _certificate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServerTls(byte[] pinnedClient)
    {
        PinnedClient = pinnedClient;
        var trustStore = PluginHost.StartDedicated(() => WarmTrustStore(pinnedClient));
        Context = CreateContextAsync(trustStore);
    }

    /// <summary>DER bytes of Terraform's client certificate (PLUGIN_CLIENT_CERT).</summary>
    public byte[] PinnedClient { get; }

    public Task<SslStreamCertificateContext> Context { get; }

    public static ServerTls Start(byte[] pinnedClient) => new(pinnedClient);

    /// <summary>Makes the server certificate (key, self-signed certificate); call once, before the handshake line.</summary>
    public X509Certificate2 CreateCertificate()
    {
        StartupTrace.Mark("certificate start");
        var certificate = AutoMtls.CreateServerCertificate(DateTimeOffset.UtcNow);
        StartupTrace.Mark("certificate done");
        _certificate.SetResult(certificate);
        return certificate;
    }

    public void Dispose()
    {
        if (_certificate.Task.IsCompletedSuccessfully)
        {
            _certificate.Task.Result.Dispose();
        }
    }

    private async Task<SslStreamCertificateContext> CreateContextAsync(Task trustStore)
    {
        var certificate = await _certificate.Task.ConfigureAwait(false);
        await trustStore.ConfigureAwait(false);
        StartupTrace.Mark("certificate context start");
        var context = SslStreamCertificateContext.Create(certificate, additionalCertificates: null, offline: true);
        StartupTrace.Mark("certificate context done");
        return context;
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
