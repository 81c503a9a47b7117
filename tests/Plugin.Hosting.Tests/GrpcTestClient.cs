using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Google.Protobuf;

namespace PodIdentity.Plugin.Hosting.Tests;

/// <summary>The result of one raw gRPC call.</summary>
internal sealed record GrpcResult(
    HttpStatusCode HttpStatus,
    int? Status,
    string? Message,
    bool TrailersOnly,
    IReadOnlyList<byte[]> Messages,
    HttpResponseMessage Response);

/// <summary>A raw HTTP/2 client speaking gRPC by hand: our own frames, our own status parsing.</summary>
internal sealed class GrpcTestClient : IDisposable
{
    private readonly HttpClient _http;
    private int _connections;

    public GrpcTestClient(Handshake handshake, X509Certificate2? clientCertificate)
    {
        Handshake = handshake;
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = (_, token) =>
            {
                Interlocked.Increment(ref _connections);
                return ConnectAsync(handshake, token);
            },
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        };
        if (handshake.Certificate is { } serverCertificate)
        {
            handler.SslOptions = new SslClientAuthenticationOptions
            {
                TargetHost = "localhost",
                ApplicationProtocols = [SslApplicationProtocol.Http2],
                ClientCertificates = clientCertificate is null ? null : new X509CertificateCollection { clientCertificate },
                LocalCertificateSelectionCallback = clientCertificate is null ? null : (_, _, _, _, _) => clientCertificate,

                // Pin the server to the certificate from the handshake line, as go-plugin does.
                RemoteCertificateValidationCallback = (_, cert, _, _) =>
                    cert is not null && cert.GetRawCertData().AsSpan().SequenceEqual(serverCertificate.RawData),
            };
        }

        _http = new HttpClient(handler)
        {
            BaseAddress = new Uri(handshake.Certificate is null ? "http://localhost/" : "https://localhost/"),
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Timeout = TimeSpan.FromSeconds(60),
        };
    }

    public Handshake Handshake { get; }

    /// <summary>Connections opened so far: HttpClient silently replaces one the server closed.</summary>
    public int Connections => Volatile.Read(ref _connections);

    public static byte[] Frame(IMessage message) => Frame(message.ToByteArray());

    public static byte[] Frame(byte[] payload, byte flag = 0)
    {
        var frame = new byte[5 + payload.Length];
        frame[0] = flag;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)payload.Length);
        payload.CopyTo(frame, 5);
        return frame;
    }

    public Task<GrpcResult> CallAsync(string path, IMessage request, CancellationToken cancellationToken = default) =>
        CallAsync(path, Frame(request), null, cancellationToken);

    public Task<GrpcResult> CallAsync(
        string path, byte[] body, IDictionary<string, string>? headers = null, CancellationToken cancellationToken = default) =>
        CallAsync(path, new ByteArrayContent(body), headers, cancellationToken);

    public async Task<GrpcResult> CallAsync(
        string path, HttpContent body, IDictionary<string, string>? headers = null, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = body,
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.TryAddWithoutValidation("te", "trailers");
        foreach (var (key, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(key, value);
        }

        var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var content = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var messages = ParseFrames(content);

        var trailersOnly = response.Headers.Contains("grpc-status");
        var source = trailersOnly ? response.Headers : response.TrailingHeaders;
        int? status = source.TryGetValues("grpc-status", out var statusValues) ? int.Parse(statusValues.Single(), System.Globalization.CultureInfo.InvariantCulture) : null;
        var message = source.TryGetValues("grpc-message", out var messageValues) ? Uri.UnescapeDataString(messageValues.Single()) : null;
        return new GrpcResult(response.StatusCode, status, message, trailersOnly, messages, response);
    }

    public void Dispose() => _http.Dispose();

    private static List<byte[]> ParseFrames(byte[] content)
    {
        var messages = new List<byte[]>();
        var offset = 0;
        while (offset < content.Length)
        {
            Assert.True(content.Length - offset >= 5, "response ends inside a frame header");
            Assert.Equal(0, content[offset]);
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(content.AsSpan(offset + 1));
            Assert.True(content.Length - offset - 5 >= length, "response ends inside a message");
            messages.Add(content.AsSpan(offset + 5, length).ToArray());
            offset += 5 + length;
        }

        return messages;
    }

    private static async ValueTask<Stream> ConnectAsync(Handshake handshake, CancellationToken token)
    {
        Socket socket;
        EndPoint endPoint;
        if (handshake.Network == "unix")
        {
            socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            endPoint = new UnixDomainSocketEndPoint(handshake.Address);
        }
        else
        {
            socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            endPoint = IPEndPoint.Parse(handshake.Address);
        }

        try
        {
            await socket.ConnectAsync(endPoint, token);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

/// <summary>A parsed go-plugin handshake line.</summary>
internal sealed record Handshake(string Network, string Address, string CertificateField, X509Certificate2? Certificate)
{
    public static Handshake Parse(string line)
    {
        var parts = line.Split('|');
        Assert.Equal(6, parts.Length);
        Assert.Equal("1", parts[0]);
        Assert.Equal("6", parts[1]);
        Assert.Contains(parts[2], new[] { "unix", "tcp" });
        Assert.Equal("grpc", parts[4]);
        X509Certificate2? cert = null;
        if (parts[5].Length > 0)
        {
            Assert.DoesNotContain('=', parts[5]);
            var padded = parts[5] + new string('=', (4 - (parts[5].Length % 4)) % 4);
            cert = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(padded));
        }

        return new Handshake(parts[2], parts[3], parts[5], cert);
    }
}
