using Grpc.Core;
using PodIdentity.Plugin.Hosting;
using Proto = PodIdentity.Plugin.Protocol.Tfplugin6;

namespace PodIdentity.Plugin.Framework.Internal;

/// <summary>
/// The tfplugin6 Provider service as Grpc.AspNetCore serves it: each RPC goes to <see cref="ProviderService"/>
/// with the call's token (client cancellation, grpc-timeout, shutdown). The 6.10 RPCs this provider does not
/// offer are not in <see cref="Map"/>, so they answer UNIMPLEMENTED. ListResource streams.
/// </summary>
internal sealed class ProviderGrpcService(ProviderService s) : Proto.Provider.ProviderBase
{
    public override Task<Proto.GetMetadata.Types.Response> GetMetadata(Proto.GetMetadata.Types.Request request, ServerCallContext context) =>
        s.GetMetadata(request, context.CancellationToken);

    public override Task<Proto.GetProviderSchema.Types.Response> GetProviderSchema(Proto.GetProviderSchema.Types.Request request, ServerCallContext context) =>
        s.GetProviderSchema(request, context.CancellationToken);

    public override Task<Proto.ValidateProviderConfig.Types.Response> ValidateProviderConfig(Proto.ValidateProviderConfig.Types.Request request, ServerCallContext context) =>
        s.ValidateProviderConfig(request, context.CancellationToken);

    public override Task<Proto.ValidateResourceConfig.Types.Response> ValidateResourceConfig(Proto.ValidateResourceConfig.Types.Request request, ServerCallContext context) =>
        s.ValidateResourceConfig(request, context.CancellationToken);

    public override Task<Proto.ValidateDataResourceConfig.Types.Response> ValidateDataResourceConfig(Proto.ValidateDataResourceConfig.Types.Request request, ServerCallContext context) =>
        s.ValidateDataResourceConfig(request, context.CancellationToken);

    public override Task<Proto.UpgradeResourceState.Types.Response> UpgradeResourceState(Proto.UpgradeResourceState.Types.Request request, ServerCallContext context) =>
        s.UpgradeResourceState(request, context.CancellationToken);

    public override Task<Proto.GetResourceIdentitySchemas.Types.Response> GetResourceIdentitySchemas(Proto.GetResourceIdentitySchemas.Types.Request request, ServerCallContext context) =>
        s.GetResourceIdentitySchemas(request, context.CancellationToken);

    public override Task<Proto.UpgradeResourceIdentity.Types.Response> UpgradeResourceIdentity(Proto.UpgradeResourceIdentity.Types.Request request, ServerCallContext context) =>
        s.UpgradeResourceIdentity(request, context.CancellationToken);

    public override Task<Proto.ConfigureProvider.Types.Response> ConfigureProvider(Proto.ConfigureProvider.Types.Request request, ServerCallContext context) =>
        s.ConfigureProvider(request, context.CancellationToken);

    public override Task<Proto.ReadResource.Types.Response> ReadResource(Proto.ReadResource.Types.Request request, ServerCallContext context) =>
        s.ReadResource(request, context.CancellationToken);

    public override Task<Proto.PlanResourceChange.Types.Response> PlanResourceChange(Proto.PlanResourceChange.Types.Request request, ServerCallContext context) =>
        s.PlanResourceChange(request, context.CancellationToken);

    public override Task<Proto.ApplyResourceChange.Types.Response> ApplyResourceChange(Proto.ApplyResourceChange.Types.Request request, ServerCallContext context) =>
        s.ApplyResourceChange(request, context.CancellationToken);

    public override Task<Proto.ImportResourceState.Types.Response> ImportResourceState(Proto.ImportResourceState.Types.Request request, ServerCallContext context) =>
        s.ImportResourceState(request, context.CancellationToken);

    public override Task<Proto.MoveResourceState.Types.Response> MoveResourceState(Proto.MoveResourceState.Types.Request request, ServerCallContext context) =>
        s.MoveResourceState(request, context.CancellationToken);

    public override Task<Proto.ReadDataSource.Types.Response> ReadDataSource(Proto.ReadDataSource.Types.Request request, ServerCallContext context) =>
        s.ReadDataSource(request, context.CancellationToken);

    public override Task<Proto.ValidateListResourceConfig.Types.Response> ValidateListResourceConfig(Proto.ValidateListResourceConfig.Types.Request request, ServerCallContext context) =>
        s.ValidateListResourceConfig(request, context.CancellationToken);

    // Server streaming: each result is written as it comes; the call's token ends the listing when Terraform stops reading.
    public override Task ListResource(Proto.ListResource.Types.Request request, IServerStreamWriter<Proto.ListResource.Types.Event> responseStream, ServerCallContext context) =>
        s.ListResource(request, responseStream.WriteAsync, context.CancellationToken);

    public override Task<Proto.ValidateEphemeralResourceConfig.Types.Response> ValidateEphemeralResourceConfig(Proto.ValidateEphemeralResourceConfig.Types.Request request, ServerCallContext context) =>
        s.ValidateEphemeralResourceConfig(request, context.CancellationToken);

    public override Task<Proto.OpenEphemeralResource.Types.Response> OpenEphemeralResource(Proto.OpenEphemeralResource.Types.Request request, ServerCallContext context) =>
        s.OpenEphemeralResource(request, context.CancellationToken);

    public override Task<Proto.RenewEphemeralResource.Types.Response> RenewEphemeralResource(Proto.RenewEphemeralResource.Types.Request request, ServerCallContext context) =>
        s.RenewEphemeralResource(request, context.CancellationToken);

    public override Task<Proto.CloseEphemeralResource.Types.Response> CloseEphemeralResource(Proto.CloseEphemeralResource.Types.Request request, ServerCallContext context) =>
        s.CloseEphemeralResource(request, context.CancellationToken);

    public override Task<Proto.GetFunctions.Types.Response> GetFunctions(Proto.GetFunctions.Types.Request request, ServerCallContext context) =>
        s.GetFunctions(request, context.CancellationToken);

    public override Task<Proto.CallFunction.Types.Response> CallFunction(Proto.CallFunction.Types.Request request, ServerCallContext context) =>
        s.CallFunction(request, context.CancellationToken);

    public override Task<Proto.StopProvider.Types.Response> StopProvider(Proto.StopProvider.Types.Request request, ServerCallContext context) =>
        s.StopProvider(request, context.CancellationToken);

    /// <summary>The RPCs served: every override above (the rest stay UNIMPLEMENTED). Registered with their types
    /// spelled out, which under NativeAOT saves the runtime type loading that the generated BindService costs
    /// (PodIdentity.Plugin.Hosting.GrpcServices).</summary>
    internal void Map(GrpcMethods<ProviderGrpcService> methods)
    {
        methods.Unary<Proto.GetMetadata.Types.Request, Proto.GetMetadata.Types.Response>(nameof(GetMetadata), GetMetadata);
        methods.Unary<Proto.GetProviderSchema.Types.Request, Proto.GetProviderSchema.Types.Response>(nameof(GetProviderSchema), GetProviderSchema);
        methods.Unary<Proto.ValidateProviderConfig.Types.Request, Proto.ValidateProviderConfig.Types.Response>(nameof(ValidateProviderConfig), ValidateProviderConfig);
        methods.Unary<Proto.ValidateResourceConfig.Types.Request, Proto.ValidateResourceConfig.Types.Response>(nameof(ValidateResourceConfig), ValidateResourceConfig);
        methods.Unary<Proto.ValidateDataResourceConfig.Types.Request, Proto.ValidateDataResourceConfig.Types.Response>(nameof(ValidateDataResourceConfig), ValidateDataResourceConfig);
        methods.Unary<Proto.UpgradeResourceState.Types.Request, Proto.UpgradeResourceState.Types.Response>(nameof(UpgradeResourceState), UpgradeResourceState);
        methods.Unary<Proto.GetResourceIdentitySchemas.Types.Request, Proto.GetResourceIdentitySchemas.Types.Response>(nameof(GetResourceIdentitySchemas), GetResourceIdentitySchemas);
        methods.Unary<Proto.UpgradeResourceIdentity.Types.Request, Proto.UpgradeResourceIdentity.Types.Response>(nameof(UpgradeResourceIdentity), UpgradeResourceIdentity);
        methods.Unary<Proto.ConfigureProvider.Types.Request, Proto.ConfigureProvider.Types.Response>(nameof(ConfigureProvider), ConfigureProvider);
        methods.Unary<Proto.ReadResource.Types.Request, Proto.ReadResource.Types.Response>(nameof(ReadResource), ReadResource);
        methods.Unary<Proto.PlanResourceChange.Types.Request, Proto.PlanResourceChange.Types.Response>(nameof(PlanResourceChange), PlanResourceChange);
        methods.Unary<Proto.ApplyResourceChange.Types.Request, Proto.ApplyResourceChange.Types.Response>(nameof(ApplyResourceChange), ApplyResourceChange);
        methods.Unary<Proto.ImportResourceState.Types.Request, Proto.ImportResourceState.Types.Response>(nameof(ImportResourceState), ImportResourceState);
        methods.Unary<Proto.MoveResourceState.Types.Request, Proto.MoveResourceState.Types.Response>(nameof(MoveResourceState), MoveResourceState);
        methods.Unary<Proto.ReadDataSource.Types.Request, Proto.ReadDataSource.Types.Response>(nameof(ReadDataSource), ReadDataSource);
        methods.Unary<Proto.ValidateListResourceConfig.Types.Request, Proto.ValidateListResourceConfig.Types.Response>(nameof(ValidateListResourceConfig), ValidateListResourceConfig);
        methods.Unary<Proto.ValidateEphemeralResourceConfig.Types.Request, Proto.ValidateEphemeralResourceConfig.Types.Response>(nameof(ValidateEphemeralResourceConfig), ValidateEphemeralResourceConfig);
        methods.Unary<Proto.OpenEphemeralResource.Types.Request, Proto.OpenEphemeralResource.Types.Response>(nameof(OpenEphemeralResource), OpenEphemeralResource);
        methods.Unary<Proto.RenewEphemeralResource.Types.Request, Proto.RenewEphemeralResource.Types.Response>(nameof(RenewEphemeralResource), RenewEphemeralResource);
        methods.Unary<Proto.CloseEphemeralResource.Types.Request, Proto.CloseEphemeralResource.Types.Response>(nameof(CloseEphemeralResource), CloseEphemeralResource);
        methods.Unary<Proto.GetFunctions.Types.Request, Proto.GetFunctions.Types.Response>(nameof(GetFunctions), GetFunctions);
        methods.Unary<Proto.CallFunction.Types.Request, Proto.CallFunction.Types.Response>(nameof(CallFunction), CallFunction);
        methods.Unary<Proto.StopProvider.Types.Request, Proto.StopProvider.Types.Response>(nameof(StopProvider), StopProvider);
        methods.ServerStreaming<Proto.ListResource.Types.Request, Proto.ListResource.Types.Event>(nameof(ListResource), ListResource);
    }
}
