using System.IO.Pipelines;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;

namespace PodIdentity.Plugin.Hosting.Internal;

/// <summary>
/// Server-side TLS for Kestrel connections: h2 by ALPN only, a client certificate required and pinned.
/// Our own small middleware, because Kestrel's UseHttps needs its DI container (start-up time).
/// </summary>
internal sealed class MutualTlsMiddleware
{
    private static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(10);

    private readonly ConnectionDelegate _next;
    private readonly ServerTls _tls;

    public MutualTlsMiddleware(ConnectionDelegate next, ServerTls tls)
    {
        _next = next;
        _tls = tls;
    }

    public async Task OnConnectionAsync(ConnectionContext context)
    {
        StartupTrace.Mark("connection accepted");
        var transport = context.Transport;
        var ssl = new SslStream(
            new DuplexStream(transport.Input.AsStream(leaveOpen: true), transport.Output.AsStream(leaveOpen: true)),
            leaveInnerStreamOpen: false);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.ConnectionClosed);
            timeout.CancelAfter(HandshakeTimeout);
            StartupTrace.Mark("tls handshake start");
            await ssl.AuthenticateAsServerAsync(CreateOptions(), timeout.Token).ConfigureAwait(false);
            StartupTrace.Mark("tls handshake done");
        }
        catch (Exception ex) when (ex is AuthenticationException or IOException or OperationCanceledException)
        {
            Log.Debug("TLS handshake failed", ("connection", context.ConnectionId), ("error", ex.Message));
            await ssl.DisposeAsync().ConfigureAwait(false);
            return;
        }

        if (ssl.NegotiatedApplicationProtocol != SslApplicationProtocol.Http2)
        {
            Log.Debug("TLS client did not negotiate h2 by ALPN", ("connection", context.ConnectionId));
            await ssl.DisposeAsync().ConfigureAwait(false);
            return;
        }

        var feature = new TlsFeature(ssl);
        context.Features.Set<ITlsConnectionFeature>(feature);
        context.Features.Set<ITlsApplicationProtocolFeature>(feature);

        var input = PipeReader.Create(ssl, new StreamPipeReaderOptions(leaveOpen: true));
        var output = PipeWriter.Create(ssl, new StreamPipeWriterOptions(leaveOpen: true));
        context.Transport = new Pipe(input, output);
        try
        {
            await _next(context).ConfigureAwait(false);
        }
        finally
        {
            await input.CompleteAsync().ConfigureAwait(false);
            await output.CompleteAsync().ConfigureAwait(false);
            context.Transport = transport;
            await ssl.DisposeAsync().ConfigureAwait(false);
        }
    }

    private SslServerAuthenticationOptions CreateOptions() => new()
    {
        ServerCertificateContext = _tls.Context,
        ClientCertificateRequired = true,
        EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
        CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        ApplicationProtocols = [SslApplicationProtocol.Http2],

        // The pin replaces chain building: Terraform's certificate is self-signed and known exactly.
        RemoteCertificateValidationCallback = (_, certificate, _, _) =>
        {
            var accepted = AutoMtls.IsPinned(certificate, _tls.PinnedClient);
            if (!accepted)
            {
                Log.Warn("refused a TLS client whose certificate is not Terraform's", ("subject", certificate?.Subject));
            }

            return accepted;
        },
    };

    private sealed record Pipe(PipeReader Input, PipeWriter Output) : IDuplexPipe;

    private sealed class TlsFeature(SslStream ssl) : ITlsConnectionFeature, ITlsApplicationProtocolFeature
    {
        public X509Certificate2? ClientCertificate
        {
            get => ssl.RemoteCertificate as X509Certificate2;
            set => throw new NotSupportedException();
        }

        public ReadOnlyMemory<byte> ApplicationProtocol => ssl.NegotiatedApplicationProtocol.Protocol;

        public Task<X509Certificate2?> GetClientCertificateAsync(CancellationToken cancellationToken) =>
            Task.FromResult(ClientCertificate);
    }
}
