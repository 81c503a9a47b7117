using System.Runtime.InteropServices;
using PodIdentity.Plugin.Hosting.Internal;

namespace PodIdentity.Plugin.Hosting;

/// <summary>Runs a provider process the way go-plugin expects: handshake, AutoMTLS, gRPC until Shutdown.</summary>
public static class PluginHost
{
    /// <summary>Time in-flight calls get to finish once shutdown starts; go-plugin kills us after 2 s.</summary>
    private static readonly TimeSpan ShutdownGrace = TimeSpan.FromMilliseconds(500);

    /// <summary>The whole process lifetime. Returns the exit code: 0 after a clean shutdown, 1 when started wrongly.</summary>
    public static async Task<int> RunAsync(string[] args, PluginHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(options);
        StartupTrace.Mark("host entered");
        try
        {
            return await RunAsync(args, options, Environment.GetEnvironmentVariable, StdoutGuard.Take()).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Terraform shows the plugin's stderr when it dies before the handshake; keep it to one readable line.
            Log.Error("plugin server failed", ("error", ex.ToString()));
            Console.Error.Write($"terraform-provider-aws: the plugin server failed: {ex.GetType().Name}: {ex.Message}\n");
            return 1;
        }
    }

    internal static async Task<int> RunAsync(string[] args, PluginHostOptions options, Func<string, string?> getEnv, StdoutGuard stdout)
    {
        var debug = args.Contains("--debug", StringComparer.Ordinal);
        if (!debug && HandshakeEnvironment.Check(getEnv) is { } problem)
        {
            Console.Error.Write(problem);
            return 1;
        }

        using var lifetime = new HostLifetime();
        var logs = new KestrelLogBridge();

        // Everything up to the handshake line runs in turn on this thread: the TLS set-up (ServerTls: the process's
        // system trust store left empty, then the certificate), registration, the line, then Kestrel. The gRPC
        // endpoint table is built on a thread of its own once Kestrel listens.
        ServerTls? tls = null;
        var clientPem = debug ? null : getEnv(HandshakeEnvironment.ClientCertKey);
        if (!string.IsNullOrEmpty(clientPem))
        {
            if (AutoMtls.ReadPemCertificate(clientPem) is not { } pinned)
            {
                Console.Error.Write($"{HandshakeEnvironment.ClientCertKey} does not contain a PEM certificate.\n");
                return 1;
            }

            tls = ServerTls.Start(pinned);
        }

        using var tlsScope = tls;

        using var signals = RegisterSignals(lifetime, debug);
        var useTcp = options.UseTcp
            || string.Equals(getEnv(HandshakeEnvironment.TransportKey), "tcp", StringComparison.OrdinalIgnoreCase)
            || OperatingSystem.IsWindows();
        using var endpoint = useTcp
            ? ListenEndpoint.CreateTcp(getEnv(HandshakeEnvironment.MinPortKey), getEnv(HandshakeEnvironment.MaxPortKey))
            : ListenEndpoint.CreateUnix(getEnv(HandshakeEnvironment.UnixSocketDirKey));

        // A provider that cannot register exits before the line.
        var services = GrpcPipeline.Register(options.Register, lifetime, logs);
        if (debug)
        {
            stdout.Write(ReattachLine.Explanation(options.ProviderAddress, Environment.ProcessId, endpoint.Network, endpoint.Address));
        }
        else
        {
            stdout.Write(HandshakeLine.Format(endpoint.Network, endpoint.Address, tls?.Certificate.RawData));
        }

        StartupTrace.Mark("handshake line written");

        // The socket already listens, so neither Kestrel nor the endpoint table had to be ready for the line:
        // Terraform's connection waits in the backlog, and requests that arrive before the table is built wait for
        // it (GrpcApplication).
        var built = new TaskCompletionSource<GrpcApplication.Pipeline>(TaskCreationOptions.RunContinuationsAsynchronously);
        var application = new GrpcApplication(built.Task);
        await using var server = await PluginServer.StartAsync(endpoint.TakeForKestrel(), tls, application, logs, CancellationToken.None)
            .ConfigureAwait(false);

        // Kestrel's continuations run on the thread pool, which starts with one thread per core: the table is built
        // on a thread of its own. A provider that cannot serve must not leave Terraform waiting on a socket that
        // answers nothing.
        _ = StartDedicated(() =>
        {
            try
            {
                built.SetResult(GrpcPipeline.Build(services));
            }
            catch (Exception ex)
            {
                Log.Error("the gRPC pipeline could not be built", ("error", ex.ToString()));
                built.SetException(ex);
                lifetime.RequestStop("gRPC pipeline failed");
            }
        });

        StartupTrace.Mark("kestrel started (awaited)");
        Log.Debug(
            "plugin server started",
            ("network", endpoint.Network),
            ("address", endpoint.Address),
            ("tls", tls is not null),
            ("debug", debug));

        var reason = await lifetime.StopRequested.ConfigureAwait(false);
        Log.Debug("plugin server stopping", ("reason", reason));
        StartupTrace.Mark("stopping: " + reason);
        lifetime.BeginStopping();
        await server.StopAsync(ShutdownGrace).ConfigureAwait(false);
        Log.Debug("plugin server stopped");
        StartupTrace.Mark("stopped");
        return 0;
    }

    /// <summary>Start-up work on a thread of its own: the thread pool starts with one thread per core, and
    /// CPU-bound start-up tasks queued there delay Kestrel's own continuations.</summary>
    internal static Task StartDedicated(Action work) =>
        Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private static SignalRegistrations RegisterSignals(HostLifetime lifetime, bool debug)
    {
        // Under Terraform, Ctrl-C reaches the whole process group; Terraform answers it with StopProvider and
        // then Shutdown, so SIGINT must not kill us. In debug mode nobody else owns us, so it stops the server.
        var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
        {
            context.Cancel = true;
            if (debug)
            {
                lifetime.RequestStop("SIGINT");
            }
            else
            {
                Log.Debug("ignoring SIGINT; Terraform stops providers through StopProvider and Shutdown");
            }
        });
        var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            lifetime.RequestStop("SIGTERM");
        });
        return new SignalRegistrations(interrupt, terminate);
    }

    private sealed class SignalRegistrations(params IDisposable[] registrations) : IDisposable
    {
        public void Dispose()
        {
            foreach (var registration in registrations)
            {
                registration.Dispose();
            }
        }
    }
}
