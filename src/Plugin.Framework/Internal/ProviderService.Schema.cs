using PodIdentity.Plugin.Hosting;
using Proto = PodIdentity.Plugin.Protocol.Tfplugin6;

namespace PodIdentity.Plugin.Framework.Internal;

// Discovery: metadata, schemas, functions. Identity schemas are in the .Identity part.
internal sealed partial class ProviderService
{
    public Task<Proto.GetMetadata.Types.Response> GetMetadata(Proto.GetMetadata.Types.Request request, CancellationToken cancellationToken) =>
        Handle<Proto.GetMetadata.Types.Response>(nameof(GetMetadata), cancellationToken, r => r.Diagnostics, (response, _, _) =>
        {
            response.ServerCapabilities = Capabilities;
            response.Resources.AddRange(_resources.Keys.Order(StringComparer.Ordinal)
                .Select(n => new Proto.GetMetadata.Types.ResourceMetadata { TypeName = n }));
            response.DataSources.AddRange(_dataSources.Keys.Order(StringComparer.Ordinal)
                .Select(n => new Proto.GetMetadata.Types.DataSourceMetadata { TypeName = n }));
            response.ListResources.AddRange(_listResources.Keys.Order(StringComparer.Ordinal)
                .Select(n => new Proto.GetMetadata.Types.ListResourceMetadata { TypeName = n }));
            return Task.CompletedTask;
        });

    // Built once: every Terraform process asks for it first, and the answer never changes.
    public Task<Proto.GetProviderSchema.Types.Response> GetProviderSchema(Proto.GetProviderSchema.Types.Request request, CancellationToken cancellationToken)
    {
        Log.Debug("tfplugin6 call finished", ("rpc", nameof(GetProviderSchema)), ("cached", _schemaResponse.IsValueCreated));
        return Task.FromResult(_schemaResponse.Value);
    }

    private Proto.GetProviderSchema.Types.Response BuildSchemaResponse()
    {
        var response = new Proto.GetProviderSchema.Types.Response
        {
            Provider = ProtoConvert.Schema(_provider.Schema),
            ProviderMeta = ProtoConvert.Schema(Schema.Empty),
            ServerCapabilities = Capabilities,
        };
        foreach (var (name, resource) in _resources)
        {
            response.ResourceSchemas.Add(name, ProtoConvert.Schema(resource.Schema));
        }

        foreach (var (name, dataSource) in _dataSources)
        {
            response.DataSourceSchemas.Add(name, ProtoConvert.Schema(dataSource.Schema));
        }

        foreach (var (name, list) in _listResources)
        {
            response.ListResourceSchemas.Add(name, ProtoConvert.Schema(list.ConfigSchema));
        }

        return response;
    }

    public Task<Proto.GetFunctions.Types.Response> GetFunctions(Proto.GetFunctions.Types.Request request, CancellationToken cancellationToken) =>
        Handle<Proto.GetFunctions.Types.Response>(nameof(GetFunctions), cancellationToken, r => r.Diagnostics, (_, _, _) => Task.CompletedTask);

    // CallFunction reports failure through FunctionError, not diagnostics.
    public Task<Proto.CallFunction.Types.Response> CallFunction(Proto.CallFunction.Types.Request request, CancellationToken cancellationToken)
    {
        Log.Debug("tfplugin6 call finished", ("rpc", nameof(CallFunction)));
        return Task.FromResult(new Proto.CallFunction.Types.Response
        {
            Error = new Proto.FunctionError { Text = $"This provider defines no functions; \"{request.Name}\" does not exist." },
        });
    }

    // What terraform-plugin-framework does for a resource without move support: an error diagnostic.
    public Task<Proto.MoveResourceState.Types.Response> MoveResourceState(Proto.MoveResourceState.Types.Request request, CancellationToken cancellationToken) =>
        Handle<Proto.MoveResourceState.Types.Response>(nameof(MoveResourceState), cancellationToken, r => r.Diagnostics, (_, diagnostics, _) =>
        {
            if (TryResource(request.TargetTypeName, diagnostics, out _))
            {
                diagnostics.AddError(
                    "Unable to Move Resource State",
                    $"The resource type \"{request.TargetTypeName}\" does not support moving state from \"{request.SourceTypeName}\". "
                    + "Remove the moved block and import the object instead.");
            }

            return Task.CompletedTask;
        });
}
