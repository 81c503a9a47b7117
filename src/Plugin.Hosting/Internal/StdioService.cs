using Grpc.Core;
using PodIdentity.Plugin.Hosting.Protos;

namespace PodIdentity.Plugin.Hosting.Internal;

/// <summary>go-plugin's stdio stream. We never capture our own stdout/stderr (logs already go to stderr), so
/// it carries no data; it stays open until the client leaves or shutdown begins, so go-plugin sees a healthy
/// stdio service instead of logging a warning, and ends with OK, which is what go-plugin expects.</summary>
internal sealed class StdioService(HostLifetime lifetime) : GRPCStdio.GRPCStdioBase
{
    public override async Task StreamStdio(
        Google.Protobuf.WellKnownTypes.Empty request, IServerStreamWriter<StdioData> responseStream, ServerCallContext context)
    {
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.Stopping);
        try
        {
            await Task.Delay(Timeout.Infinite, ended.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    public void Map(GrpcMethods<StdioService> methods) =>
        methods.ServerStreaming<Google.Protobuf.WellKnownTypes.Empty, StdioData>(nameof(StreamStdio), StreamStdio);
}
