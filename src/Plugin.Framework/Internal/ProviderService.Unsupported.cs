using PodIdentity.Plugin.Hosting;
using Proto = PodIdentity.Plugin.Protocol.Tfplugin6;

namespace PodIdentity.Plugin.Framework.Internal;

// Features this provider does not have. Ephemeral resources are looked up by type name like everything else
// (there are none, so every name is unknown); 6.10 additions answer UNIMPLEMENTED, never an empty success.
internal sealed partial class ProviderService
{
    public Task<Proto.ValidateEphemeralResourceConfig.Types.Response> ValidateEphemeralResourceConfig(
        Proto.ValidateEphemeralResourceConfig.Types.Request request, CancellationToken cancellationToken) =>
        Handle<Proto.ValidateEphemeralResourceConfig.Types.Response>(nameof(ValidateEphemeralResourceConfig), cancellationToken,
            r => r.Diagnostics, (_, diagnostics, _) => NoEphemeral(request.TypeName, diagnostics));

    public Task<Proto.OpenEphemeralResource.Types.Response> OpenEphemeralResource(
        Proto.OpenEphemeralResource.Types.Request request, CancellationToken cancellationToken) =>
        Handle<Proto.OpenEphemeralResource.Types.Response>(nameof(OpenEphemeralResource), cancellationToken,
            r => r.Diagnostics, (_, diagnostics, _) => NoEphemeral(request.TypeName, diagnostics));

    public Task<Proto.RenewEphemeralResource.Types.Response> RenewEphemeralResource(
        Proto.RenewEphemeralResource.Types.Request request, CancellationToken cancellationToken) =>
        Handle<Proto.RenewEphemeralResource.Types.Response>(nameof(RenewEphemeralResource), cancellationToken,
            r => r.Diagnostics, (_, diagnostics, _) => NoEphemeral(request.TypeName, diagnostics));

    public Task<Proto.CloseEphemeralResource.Types.Response> CloseEphemeralResource(
        Proto.CloseEphemeralResource.Types.Request request, CancellationToken cancellationToken) =>
        Handle<Proto.CloseEphemeralResource.Types.Response>(nameof(CloseEphemeralResource), cancellationToken,
            r => r.Diagnostics, (_, diagnostics, _) => NoEphemeral(request.TypeName, diagnostics));

    private static Task NoEphemeral(string typeName, Diagnostics diagnostics)
    {
        diagnostics.AddError("Ephemeral Resource Type Not Found", $"This provider has no ephemeral resource type \"{typeName}\".");
        return Task.CompletedTask;
    }

    /// <summary>Ends the call with gRPC status UNIMPLEMENTED.</summary>
    internal static Task<TResponse> Unimplemented<TResponse>(string method)
    {
        Log.Debug("tfplugin6 call unimplemented", ("rpc", method));
        throw new GrpcStatusException(GrpcStatusCode.Unimplemented, $"tfplugin6.Provider/{method} is not implemented by this provider.");
    }
}
