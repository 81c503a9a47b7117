using Google.Protobuf;
using PodIdentity.Plugin.Hosting;
using Proto = PodIdentity.Plugin.Protocol.Tfplugin6;

namespace PodIdentity.Plugin.Framework.Internal;

/// <summary>Puts every tfplugin6 6.10 RPC on the registry at <c>/tfplugin6.Provider/&lt;Method&gt;</c>.</summary>
internal static class ServiceRegistration
{
    public const string Prefix = "/tfplugin6.Provider/";

    public static void Register(GrpcServiceRegistry registry, ProviderService s)
    {
        Unary(registry, "GetMetadata", Proto.GetMetadata.Types.Request.Parser, s.GetMetadata);
        Unary(registry, "GetProviderSchema", Proto.GetProviderSchema.Types.Request.Parser, s.GetProviderSchema);
        Unary(registry, "ValidateProviderConfig", Proto.ValidateProviderConfig.Types.Request.Parser, s.ValidateProviderConfig);
        Unary(registry, "ValidateResourceConfig", Proto.ValidateResourceConfig.Types.Request.Parser, s.ValidateResourceConfig);
        Unary(registry, "ValidateDataResourceConfig", Proto.ValidateDataResourceConfig.Types.Request.Parser, s.ValidateDataResourceConfig);
        Unary(registry, "UpgradeResourceState", Proto.UpgradeResourceState.Types.Request.Parser, s.UpgradeResourceState);
        Unary(registry, "GetResourceIdentitySchemas", Proto.GetResourceIdentitySchemas.Types.Request.Parser, s.GetResourceIdentitySchemas);
        Unary(registry, "UpgradeResourceIdentity", Proto.UpgradeResourceIdentity.Types.Request.Parser, s.UpgradeResourceIdentity);
        Unary(registry, "ConfigureProvider", Proto.ConfigureProvider.Types.Request.Parser, s.ConfigureProvider);
        Unary(registry, "ReadResource", Proto.ReadResource.Types.Request.Parser, s.ReadResource);
        Unary(registry, "PlanResourceChange", Proto.PlanResourceChange.Types.Request.Parser, s.PlanResourceChange);
        Unary(registry, "ApplyResourceChange", Proto.ApplyResourceChange.Types.Request.Parser, s.ApplyResourceChange);
        Unary(registry, "ImportResourceState", Proto.ImportResourceState.Types.Request.Parser, s.ImportResourceState);
        Unary(registry, "MoveResourceState", Proto.MoveResourceState.Types.Request.Parser, s.MoveResourceState);
        Unary(registry, "ReadDataSource", Proto.ReadDataSource.Types.Request.Parser, s.ReadDataSource);
        Unary(registry, "ValidateEphemeralResourceConfig", Proto.ValidateEphemeralResourceConfig.Types.Request.Parser, s.ValidateEphemeralResourceConfig);
        Unary(registry, "OpenEphemeralResource", Proto.OpenEphemeralResource.Types.Request.Parser, s.OpenEphemeralResource);
        Unary(registry, "RenewEphemeralResource", Proto.RenewEphemeralResource.Types.Request.Parser, s.RenewEphemeralResource);
        Unary(registry, "CloseEphemeralResource", Proto.CloseEphemeralResource.Types.Request.Parser, s.CloseEphemeralResource);
        Unary(registry, "GetFunctions", Proto.GetFunctions.Types.Request.Parser, s.GetFunctions);
        Unary(registry, "CallFunction", Proto.CallFunction.Types.Request.Parser, s.CallFunction);
        Unary(registry, "StopProvider", Proto.StopProvider.Types.Request.Parser, s.StopProvider);

        // 6.10 features this provider does not offer.
        Missing<Proto.GenerateResourceConfig.Types.Request, Proto.GenerateResourceConfig.Types.Response>(
            registry, "GenerateResourceConfig", Proto.GenerateResourceConfig.Types.Request.Parser);
        MissingStream<Proto.ListResource.Types.Request, Proto.ListResource.Types.Event>(
            registry, "ListResource", Proto.ListResource.Types.Request.Parser);
        Missing<Proto.ValidateListResourceConfig.Types.Request, Proto.ValidateListResourceConfig.Types.Response>(
            registry, "ValidateListResourceConfig", Proto.ValidateListResourceConfig.Types.Request.Parser);
        Missing<Proto.ValidateStateStore.Types.Request, Proto.ValidateStateStore.Types.Response>(
            registry, "ValidateStateStoreConfig", Proto.ValidateStateStore.Types.Request.Parser);
        Missing<Proto.ConfigureStateStore.Types.Request, Proto.ConfigureStateStore.Types.Response>(
            registry, "ConfigureStateStore", Proto.ConfigureStateStore.Types.Request.Parser);
        MissingStream<Proto.ReadStateBytes.Types.Request, Proto.ReadStateBytes.Types.Response>(
            registry, "ReadStateBytes", Proto.ReadStateBytes.Types.Request.Parser);
        Missing<Proto.GetStates.Types.Request, Proto.GetStates.Types.Response>(
            registry, "GetStates", Proto.GetStates.Types.Request.Parser);
        Missing<Proto.DeleteState.Types.Request, Proto.DeleteState.Types.Response>(
            registry, "DeleteState", Proto.DeleteState.Types.Request.Parser);
        Missing<Proto.PlanAction.Types.Request, Proto.PlanAction.Types.Response>(
            registry, "PlanAction", Proto.PlanAction.Types.Request.Parser);
        MissingStream<Proto.InvokeAction.Types.Request, Proto.InvokeAction.Types.Event>(
            registry, "InvokeAction", Proto.InvokeAction.Types.Request.Parser);
        Missing<Proto.ValidateActionConfig.Types.Request, Proto.ValidateActionConfig.Types.Response>(
            registry, "ValidateActionConfig", Proto.ValidateActionConfig.Types.Request.Parser);

        // WriteStateBytes is client-streaming, which the host does not offer; it answers UNIMPLEMENTED for
        // unregistered paths, which is the intended answer anyway.
    }

    private static void Unary<TRequest, TResponse>(
        GrpcServiceRegistry registry, string method, MessageParser<TRequest> parser, Func<TRequest, CancellationToken, Task<TResponse>> handler)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse> =>
        registry.AddUnary<TRequest, TResponse>(Prefix + method, parser, (request, context) => handler(request, context.CancellationToken));

    private static void Missing<TRequest, TResponse>(GrpcServiceRegistry registry, string method, MessageParser<TRequest> parser)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse> =>
        registry.AddUnary<TRequest, TResponse>(Prefix + method, parser, (_, _) => ProviderService.Unimplemented<TResponse>(method));

    private static void MissingStream<TRequest, TResponse>(GrpcServiceRegistry registry, string method, MessageParser<TRequest> parser)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse> =>
        registry.AddServerStreaming<TRequest, TResponse>(Prefix + method, parser, (_, _, _) => ProviderService.Unimplemented<TResponse>(method));
}
