using Google.Protobuf.WellKnownTypes;
using PodIdentity.Plugin.Hosting.Protos;
using PodIdentity.Plugin.Hosting.Protos.Health;
using PluginEmpty = PodIdentity.Plugin.Hosting.Protos.Empty;

namespace PodIdentity.Plugin.Hosting.Internal;

/// <summary>The go-plugin services every plugin process serves next to its own.</summary>
internal static class BuiltInServices
{
    public const string ShutdownPath = "/plugin.GRPCController/Shutdown";
    public const string StdioPath = "/plugin.GRPCStdio/StreamStdio";
    public const string HealthCheckPath = "/grpc.health.v1.Health/Check";

    /// <summary>go-plugin checks this name; "" is the whole server.</summary>
    public const string HealthServiceName = "plugin";

    public static void Register(GrpcServiceRegistry registry, HostLifetime lifetime)
    {
        registry.AddUnary<PluginEmpty, PluginEmpty>(ShutdownPath, PluginEmpty.Parser, (_, _) =>
        {
            // The reply is still written after this: the dispatcher sends it with the request's own token.
            Log.Debug("Shutdown requested by the plugin client");
            lifetime.RequestStop("GRPCController.Shutdown");
            return Task.FromResult(new PluginEmpty());
        });

        registry.AddUnary<HealthCheckRequest, HealthCheckResponse>(HealthCheckPath, HealthCheckRequest.Parser, (request, _) =>
        {
            if (request.Service is not ("" or HealthServiceName))
            {
                throw new GrpcStatusException(GrpcStatusCode.NotFound, $"unknown service {request.Service}");
            }

            return Task.FromResult(new HealthCheckResponse { Status = HealthCheckResponse.Types.ServingStatus.Serving });
        });

        // We never capture our own stdout/stderr (logs already go to stderr), so the stream carries no data;
        // it stays open until shutdown so go-plugin sees a healthy stdio service instead of logging a warning.
        registry.AddServerStreaming<Google.Protobuf.WellKnownTypes.Empty, StdioData>(
            StdioPath,
            Google.Protobuf.WellKnownTypes.Empty.Parser,
            async (_, _, context) =>
            {
                try
                {
                    await Task.Delay(Timeout.Infinite, context.CancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // Ending the stream cleanly (OK) is what go-plugin expects at shutdown.
                }
            });
    }
}
