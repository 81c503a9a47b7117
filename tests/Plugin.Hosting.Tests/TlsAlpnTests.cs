using System.Net.Security;
using System.Net.Sockets;

namespace PodIdentity.Plugin.Hosting.Tests;

/// <summary>TLS details below HttpClient: ALPN must be h2, and the right client gets h2.</summary>
public sealed class TlsAlpnTests(TlsServerFixture server) : IClassFixture<TlsServerFixture>
{
    [Fact]
    public async Task NegotiatesH2ForTheRightClient()
    {
        await using var ssl = await ConnectAsync([SslApplicationProtocol.Http2, SslApplicationProtocol.Http11]);
        Assert.Equal(SslApplicationProtocol.Http2, ssl.NegotiatedApplicationProtocol);
        Assert.True(ssl.SslProtocol is System.Security.Authentication.SslProtocols.Tls12 or System.Security.Authentication.SslProtocols.Tls13);
    }

    [Fact]
    public async Task RefusesAClientThatDoesNotOfferH2()
    {
        try
        {
            await using var ssl = await ConnectAsync([SslApplicationProtocol.Http11]);
            Assert.NotEqual(SslApplicationProtocol.Http11, ssl.NegotiatedApplicationProtocol);

            // Handshake passed without ALPN agreement: the server must hang up instead of serving.
            var buffer = new byte[64];
            var read = await ssl.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(0, read);
        }
        catch (Exception ex) when (ex is System.Security.Authentication.AuthenticationException or IOException)
        {
            // Refused during the handshake: also correct.
        }
    }

    private async Task<SslStream> ConnectAsync(List<SslApplicationProtocol> protocols)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(server.Handshake.Address));
        var ssl = new SslStream(new NetworkStream(socket, ownsSocket: true));
        var serverCertificate = server.Handshake.Certificate!;
        await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            ApplicationProtocols = protocols,
            ClientCertificates = [server.ClientCertificate],
            LocalCertificateSelectionCallback = (_, _, _, _, _) => server.ClientCertificate,
            RemoteCertificateValidationCallback = (_, cert, _, _) => cert?.GetRawCertData().AsSpan().SequenceEqual(serverCertificate.RawData) == true,
        });
        return ssl;
    }
}
