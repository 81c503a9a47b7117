using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace PodIdentity.Plugin.Hosting.Internal;

/// <summary>
/// The server side of AutoMTLS: our self-signed certificate, its SslStream context, and Terraform's pinned client
/// certificate. The process's system trust store is emptied first (SystemStoreIsolation), so that neither chain
/// build SslStream makes parses it: Terraform's certificate is trusted by its pin alone.
/// </summary>
internal sealed class ServerTls : IDisposable
{
    private ServerTls(byte[] pinnedClient, X509Certificate2 certificate)
    {
        PinnedClient = pinnedClient;
        Certificate = certificate;
        Context = SslStreamCertificateContext.Create(certificate, additionalCertificates: null, offline: true);
    }

    /// <summary>DER bytes of Terraform's client certificate (PLUGIN_CLIENT_CERT).</summary>
    public byte[] PinnedClient { get; }

    /// <summary>Our certificate, for the handshake line.</summary>
    public X509Certificate2 Certificate { get; }

    public SslStreamCertificateContext Context { get; }

    /// <summary>Empties the system trust store, then makes the key, the certificate and its context. Call before
    /// anything else in the process touches certificates, while no other thread of ours runs.</summary>
    public static ServerTls Start(byte[] pinnedClient)
    {
        StartupTrace.Mark("system trust store isolation start");
        var isolated = SystemStoreIsolation.Apply();
        StartupTrace.Mark(isolated ? "system trust store left empty" : "system trust store not isolated");
        Log.Debug(
            isolated
                ? "left this process's .NET system trust store empty: Terraform's certificate is trusted by its pin"
                : "the system trust store could not be isolated; it loads at the first TLS connection");

        var tls = new ServerTls(pinnedClient, AutoMtls.CreateServerCertificate(DateTimeOffset.UtcNow));
        StartupTrace.Mark("certificate done");
        return tls;
    }

    public void Dispose() => Certificate.Dispose();
}
