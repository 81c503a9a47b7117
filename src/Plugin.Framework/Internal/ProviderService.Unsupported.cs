using Proto = PodIdentity.Plugin.Protocol.Tfplugin6;

namespace PodIdentity.Plugin.Framework.Internal;

// Features this provider does not have. Ephemeral resources are looked up by type name like everything else
// (there are none, so every name is unknown). The 6.10 additions are left to the generated service base, which
// answers UNIMPLEMENTED, never an empty success.
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
}
