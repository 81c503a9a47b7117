using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Grpc.Net.Client;
using PodIdentity.Protocol.Compatibility.GoPlugin.Protos;

namespace PodIdentity.Protocol.Compatibility.GoPlugin;

/// <summary>
/// A plugin started the way go-plugin's Client.Start does it with AutoMTLS: environment plus magic cookie,
/// PLUGIN_MIN_PORT/PLUGIN_MAX_PORT, PLUGIN_PROTOCOL_VERSIONS and PLUGIN_CLIENT_CERT; the first stdout line parsed as
/// the handshake; a TLS connection that presents the client certificate, trusts only the certificate from the line
/// for the name <c>localhost</c>, and speaks HTTP/2. Disposing it is go-plugin's Kill: GRPCController.Shutdown, then
/// up to 2 s for the process to exit before it is killed.
/// </summary>
public sealed class PluginProcess : IAsyncDisposable
{
    private static readonly Oid ServerAuth = new("1.3.6.1.5.5.7.3.1");
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(1);

    private readonly Process _process;
    private readonly ClientCertificate _clientCertificate;
    private readonly List<string> _stderr = [];
    private readonly List<string> _laterStdout = [];
    private readonly CancellationTokenSource _stdio = new();
    private readonly Stopwatch _age = Stopwatch.StartNew();
    private GrpcChannel? _channel;
    private string? _tlsFailure;
    private bool _disposed;
    private X509Certificate2? _trusted;
    private StreamWriter? _log;

    private PluginProcess(Process process, ClientCertificate clientCertificate, HandshakeLine handshake, string? logPath)
    {
        _process = process;
        _clientCertificate = clientCertificate;
        Handshake = handshake;
        LogPath = logPath;
    }

    /// <summary>The file every stderr line (the provider's log) is copied to, if one was asked for.</summary>
    public string? LogPath { get; }

    public HandshakeLine Handshake { get; }

    /// <summary>Time since the handshake line was read, for failure messages (start-up under load is slow).</summary>
    public TimeSpan Age => _age.Elapsed;

    public GrpcChannel Channel => _channel ?? throw new InvalidOperationException("not connected");

    /// <summary>Whether the process ended by itself within go-plugin's grace period after Shutdown.</summary>
    public bool? ExitedAfterShutdown { get; private set; }

    /// <summary>Stdout lines after the handshake (go-plugin forwards them; the provider must write none).</summary>
    public IReadOnlyList<string> LaterStdout
    {
        get
        {
            lock (_laterStdout)
            {
                return [.. _laterStdout];
            }
        }
    }

    public string StderrTail
    {
        get
        {
            lock (_stderr)
            {
                return string.Join('\n', _stderr.TakeLast(40));
            }
        }
    }

    /// <param name="logPath">Where to keep a copy of the plugin's stderr (its log); none when null.</param>
    public static async Task<PluginProcess> StartAsync(
        string executable, PluginLaunch launch, IReadOnlyDictionary<string, string?> environment, string? logPath = null,
        CancellationToken cancellationToken = default)
    {
        var clientCertificate = ClientCertificate.Create();
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        info.Environment[PluginLaunch.MagicCookieKey] = PluginLaunch.MagicCookieValue;
        info.Environment["PLUGIN_MIN_PORT"] = "10000";
        info.Environment["PLUGIN_MAX_PORT"] = "25000";
        info.Environment["PLUGIN_PROTOCOL_VERSIONS"] = string.Join(',', launch.OfferedVersions);
        info.Environment["PLUGIN_CLIENT_CERT"] = clientCertificate.Pem;

        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start " + executable);
        string? firstLine;
        try
        {
            firstLine = await process.StandardOutput.ReadLineAsync(cancellationToken).AsTask().WaitAsync(StartTimeout, cancellationToken);
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            clientCertificate.Dispose();
            throw;
        }

        HandshakeLine handshake;
        try
        {
            handshake = firstLine is null
                ? throw new HandshakeException("plugin exited before we could connect: " + await process.StandardError.ReadToEndAsync(cancellationToken))
                : HandshakeLine.Parse(firstLine, launch.Parsing, launch.OfferedVersions);
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            clientCertificate.Dispose();
            throw;
        }

        var plugin = new PluginProcess(process, clientCertificate, handshake, logPath);
        plugin.DrainOutput();
        plugin.Connect();
        plugin.StartStdio();
        return plugin;
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_channel is not null)
        {
            try
            {
                await new GRPCController.GRPCControllerClient(_channel).ShutdownAsync(new Empty(), deadline: DateTime.UtcNow.AddSeconds(5));
            }
            catch (RpcException)
            {
                // go-plugin ignores a failed Shutdown and goes on to wait and kill.
            }
        }

        try
        {
            await _process.WaitForExitAsync().WaitAsync(PluginLaunch.ShutdownGrace);
            ExitedAfterShutdown = true;
        }
        catch (TimeoutException)
        {
            ExitedAfterShutdown = false;
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        await _stdio.CancelAsync();
        lock (_stderr)
        {
            _log?.Dispose();
            _log = null;
        }

        _channel?.Dispose();
        _process.Dispose();
        _clientCertificate.Dispose();
        _trusted?.Dispose();
        _stdio.Dispose();
    }

    private void DrainOutput()
    {
        if (LogPath is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(LogPath)!);
            _log = new StreamWriter(LogPath) { AutoFlush = true };
        }

        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                lock (_stderr)
                {
                    _stderr.Add(line);
                    _log?.WriteLine(line);
                }
            }
        };
        _process.BeginErrorReadLine();
        _ = Task.Run(async () =>
        {
            while (await _process.StandardOutput.ReadLineAsync() is { } line)
            {
                lock (_laterStdout)
                {
                    _laterStdout.Add(line);
                }
            }
        });
    }

    private void Connect()
    {
        var serverCertificate = Handshake.ServerCertificate
            ?? throw new HandshakeException("the handshake line has no server certificate: with AutoMTLS the client would check "
                + "the server against the system roots and fail");
        var trusted = _trusted = X509CertificateLoader.LoadCertificate(serverCertificate);
        var handler = new SocketsHttpHandler
        {
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            ConnectCallback = (_, cancellationToken) => ConnectAsync(cancellationToken),

            // TLS as go-plugin configures it: our client certificate, ServerName "localhost", and the handshake line's
            // certificate as the only root. SocketsHttpHandler offers ALPN h2 and speaks HTTP/2 over TLS only when the
            // server selects it, so every call here also proves what grpc-go 1.67+ insists on.
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = [_clientCertificate.Certificate],
                LocalCertificateSelectionCallback = (_, _, _, _, _) => _clientCertificate.Certificate,
                RemoteCertificateValidationCallback = (_, certificate, _, errors) => VerifyLikeGo(certificate, errors, trusted),
            },
        };

        // https, so the requests carry :scheme https as grpc-go's do over TLS.
        _channel = GrpcChannel.ForAddress("https://localhost", new GrpcChannelOptions
        {
            HttpHandler = handler,
            DisposeHttpClient = true,
            MaxReceiveMessageSize = null,
            MaxSendMessageSize = null,
        });
    }

    private async ValueTask<Stream> ConnectAsync(CancellationToken cancellationToken)
    {
        EndPoint endPoint = Handshake.Network == "unix"
            ? new UnixDomainSocketEndPoint(Handshake.Address)
            : IPEndPoint.Parse(Handshake.Address);
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, Handshake.Network == "unix" ? ProtocolType.Unspecified : ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(endPoint, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Why the last TLS handshake refused the server, in crypto/tls's words.</summary>
    public string? TlsFailure => _tlsFailure;

    // crypto/tls with RootCAs = {the line's certificate} and ServerName = "localhost": the leaf must be that very
    // certificate (a self-signed root), valid now, for DNS name localhost, usable for server auth.
    private bool VerifyLikeGo(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2 trusted)
    {
        if (certificate is null)
        {
            _tlsFailure = "the server presented no certificate";
            return false;
        }

        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        if (!leaf.RawData.AsSpan().SequenceEqual(trusted.RawData))
        {
            _tlsFailure = "x509: certificate signed by unknown authority (not the certificate from the handshake line)";
            return false;
        }

        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            _tlsFailure = "x509: certificate is not valid for localhost";
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(trusted);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(ServerAuth);
        if (!chain.Build(leaf))
        {
            _tlsFailure = "x509: " + string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()));
            return false;
        }

        return true;
    }

    // go-plugin's newGRPCClient opens the stdio stream before anything else is called (grpc_client.go, grpc_stdio.go:
    // StreamStdio, then a goroutine copies what arrives into the client's log; Unimplemented or Unavailable only
    // logs a warning). The request goes out here; reading it runs in the background, beside the provider calls.
    private void StartStdio()
    {
        var call = new GRPCStdio.GRPCStdioClient(Channel).StreamStdio(new Google.Protobuf.WellKnownTypes.Empty(), cancellationToken: _stdio.Token);
        _ = Task.Run(async () =>
        {
            try
            {
                while (await call.ResponseStream.MoveNext(_stdio.Token))
                {
                }
            }
            catch (Exception e) when (e is RpcException or OperationCanceledException or ObjectDisposedException)
            {
            }
            finally
            {
                call.Dispose();
            }
        });
    }
}
