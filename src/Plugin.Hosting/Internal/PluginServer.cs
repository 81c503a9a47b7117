using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PodIdentity.Plugin.Hosting.Internal;

/// <summary>A hand-built Kestrel (no generic host, no DI) speaking HTTP/2 only, with or without mutual TLS.</summary>
internal sealed class PluginServer : IAsyncDisposable
{
    private readonly KestrelServer _server;

    private PluginServer(KestrelServer server)
    {
        _server = server;
    }

    /// <param name="tls">Server certificate and the pinned client certificate; null serves plaintext h2c.</param>
    public static async Task<PluginServer> StartAsync(
        EndPoint endPoint, ServerTls? tls, GrpcApplication application, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        StartupTrace.Mark("kestrel start");
        var options = new KestrelServerOptions
        {
            AddServerHeader = false,
            ApplicationServices = new MinimalServices(loggerFactory),
        };
        ConfigureLimits(options.Limits);
        options.Listen(endPoint, listen =>
        {
            listen.Protocols = HttpProtocols.Http2;
            if (tls is not null)
            {
                listen.Use(next => new MutualTlsMiddleware(next, tls).OnConnectionAsync);
            }
        });

        var transport = new SocketTransportFactory(Options.Create(new SocketTransportOptions()), loggerFactory);
        var server = new KestrelServer(Options.Create(options), transport, loggerFactory);
        try
        {
            await server.StartAsync(application, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            server.Dispose();
            throw;
        }

        StartupTrace.Mark("kestrel listening");
        return new PluginServer(server);
    }

    /// <summary>Graceful stop: in-flight calls get <paramref name="grace"/> to finish, then connections are cut.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await _server.StopAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    public ValueTask DisposeAsync()
    {
        _server.Dispose();
        return ValueTask.CompletedTask;
    }

    private static void ConfigureLimits(KestrelServerLimits limits)
    {
        // Provider states can be large: Grpc.AspNetCore polices size per message (256 MiB), not per body. A body
        // that runs on past its message is refused as soon as the extra bytes arrive, and flow control keeps
        // what is buffered to one stream window.
        limits.MaxRequestBodySize = null;
        limits.MinRequestBodyDataRate = null;
        limits.MinResponseDataRate = null;

        // Terraform keeps its one connection idle for as long as a user sits at a prompt. Not InfiniteTimeSpan:
        // Kestrel stores it as TimeSpan.MaxValue, its deadline arithmetic overflows, and every idle connection
        // was closed (GOAWAY) at the next one-second heartbeat (IdleConnectionTests). A week is "never" here.
        limits.KeepAliveTimeout = TimeSpan.FromDays(7);

        // Bigger flow-control windows move multi-megabyte states without stalls.
        limits.Http2.InitialConnectionWindowSize = 4 * 1024 * 1024;
        limits.Http2.InitialStreamWindowSize = 2 * 1024 * 1024;
        limits.Http2.MaxStreamsPerConnection = 256;
    }
}
