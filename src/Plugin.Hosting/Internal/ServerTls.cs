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
    private readonly TaskCompletionSource<SslStreamCertificateContext> _context = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private X509Certificate2? _certificate;

    private ServerTls(byte[] pinnedClient)
    {
        PinnedClient = pinnedClient;
    }

    /// <summary>DER bytes of Terraform's client certificate (PLUGIN_CLIENT_CERT).</summary>
    public byte[] PinnedClient { get; }

    /// <summary>Ready once <see cref="CreateCertificate"/> has run, before the handshake line.</summary>
    public Task<SslStreamCertificateContext> Context => _context.Task;

    /// <summary>Call before anything else in the process touches certificates, while no other thread of ours runs.</summary>
    public static ServerTls Start(byte[] pinnedClient)
    {
        StartupTrace.Mark("system trust store isolation start");
        var isolated = SystemStoreIsolation.Apply();
        StartupTrace.Mark(isolated ? "system trust store left empty" : "system trust store not isolated");
        Log.Debug(
            isolated
                ? "left this process's .NET system trust store empty: Terraform's certificate is trusted by its pin"
                : "the system trust store could not be isolated; it loads at the first TLS connection");
        return new ServerTls(pinnedClient);
    }

    /// <summary>Makes the server certificate (key, self-signed certificate) and its SslStream context; call once,
    /// before the handshake line.</summary>
    public X509Certificate2 CreateCertificate()
    {
        StartupTrace.Mark("certificate start");
        _certificate = AutoMtls.CreateServerCertificate(DateTimeOffset.UtcNow);
        _context.SetResult(SslStreamCertificateContext.Create(_certificate, additionalCertificates: null, offline: true));
        StartupTrace.Mark("certificate done");
        return _certificate;
    }

    public void Dispose() => _certificate?.Dispose();
}
