using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace PodIdentity.Plugin.Hosting.Internal;

/// <summary>
/// The server side of AutoMTLS, prepared in the background: the certificate (needed for the handshake line) and
/// the SslStream certificate context (needed only by the first TLS connection; building it loads the system
/// trust store, which is slow) are made while Kestrel starts on the main thread.
/// </summary>
internal sealed class ServerTls : IDisposable
{
    private ServerTls(byte[] pinnedClient)
    {
        PinnedClient = pinnedClient;
        Certificate = Task.Run(() => AutoMtls.CreateServerCertificate(DateTimeOffset.UtcNow));
        Context = Task.Run(async () =>
            SslStreamCertificateContext.Create(await Certificate.ConfigureAwait(false), additionalCertificates: null, offline: true));
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
}
