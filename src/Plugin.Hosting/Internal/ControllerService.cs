using Grpc.Core;
using PodIdentity.Plugin.Hosting.Protos;

namespace PodIdentity.Plugin.Hosting.Internal;

/// <summary>go-plugin's controller: Shutdown asks the host to stop; the reply still goes out first.</summary>
internal sealed class ControllerService(HostLifetime lifetime) : GRPCController.GRPCControllerBase
{
    public override Task<Empty> Shutdown(Empty request, ServerCallContext context)
    {
        Log.Debug("Shutdown requested by the plugin client");
        lifetime.RequestStop("GRPCController.Shutdown");
        return Task.FromResult(new Empty());
    }

    public void Map(GrpcMethods<ControllerService> methods) => methods.Unary<Empty, Empty>(nameof(Shutdown), Shutdown);
}
