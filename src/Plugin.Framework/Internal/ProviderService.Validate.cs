using Proto = PodIdentity.Plugin.Protocol.Tfplugin6;

namespace PodIdentity.Plugin.Framework.Internal;

// Validate*Config and ConfigureProvider.
internal sealed partial class ProviderService
{
    public Task<Proto.ValidateProviderConfig.Types.Response> ValidateProviderConfig(
        Proto.ValidateProviderConfig.Types.Request request, CancellationToken cancellationToken) =>
        Handle<Proto.ValidateProviderConfig.Types.Response>(nameof(ValidateProviderConfig), cancellationToken, r => r.Diagnostics,
            (_, diagnostics, _) =>
            {
                var config = DynamicValues.Decode(request.Config, _provider.Schema.Type);
                ConfigValidation.Run(_provider.Schema, config, diagnostics);
                if (_provider is IProviderWithValidateConfig v)
                {
                    v.ValidateConfig(new ValidateConfigRequest { Config = config }, diagnostics);
                }

                return Task.CompletedTask;
            });

    public Task<Proto.ValidateResourceConfig.Types.Response> ValidateResourceConfig(
        Proto.ValidateResourceConfig.Types.Request request, CancellationToken cancellationToken) =>
        Handle<Proto.ValidateResourceConfig.Types.Response>(nameof(ValidateResourceConfig), cancellationToken, r => r.Diagnostics,
            (_, diagnostics, _) =>
            {
                if (!TryResource(request.TypeName, diagnostics, out var resource))
                {
                    return Task.CompletedTask;
                }

                var config = DynamicValues.Decode(request.Config, resource.Schema.Type);
                ConfigValidation.CheckWriteOnly(
                    resource.Schema, config, request.ClientCapabilities?.WriteOnlyAttributesAllowed ?? false, diagnostics);
                ConfigValidation.Run(resource.Schema, config, diagnostics);
                if (resource is IResourceWithConfigValidators withValidators)
                {
                    foreach (var validator in withValidators.ConfigValidators)
                    {
                        validator.Validate(config, diagnostics);
                    }
                }

                if (resource is IResourceWithValidateConfig v)
                {
                    v.ValidateConfig(new ValidateConfigRequest { Config = config }, diagnostics);
                }

                return Task.CompletedTask;
            });

    public Task<Proto.ValidateDataResourceConfig.Types.Response> ValidateDataResourceConfig(
        Proto.ValidateDataResourceConfig.Types.Request request, CancellationToken cancellationToken) =>
        Handle<Proto.ValidateDataResourceConfig.Types.Response>(nameof(ValidateDataResourceConfig), cancellationToken, r => r.Diagnostics,
            (_, diagnostics, _) =>
            {
                if (!TryDataSource(request.TypeName, diagnostics, out var dataSource))
                {
                    return Task.CompletedTask;
                }

                var config = DynamicValues.Decode(request.Config, dataSource.Schema.Type);
                ConfigValidation.Run(dataSource.Schema, config, diagnostics);
                if (dataSource is IDataSourceWithValidateConfig v)
                {
                    v.ValidateConfig(new ValidateConfigRequest { Config = config }, diagnostics);
                }

                return Task.CompletedTask;
            });

    public Task<Proto.ConfigureProvider.Types.Response> ConfigureProvider(
        Proto.ConfigureProvider.Types.Request request, CancellationToken cancellationToken) =>
        Handle<Proto.ConfigureProvider.Types.Response>(nameof(ConfigureProvider), cancellationToken, r => r.Diagnostics,
            async (_, diagnostics, token) =>
            {
                var config = DynamicValues.Decode(request.Config, _provider.Schema.Type);
                var response = new ProviderConfigureResponse();
                await _provider.ConfigureAsync(
                    new ProviderConfigureRequest { Config = config, TerraformVersion = request.TerraformVersion },
                    response,
                    token).ConfigureAwait(false);
                diagnostics.AddRange(response.Diagnostics);
                if (!response.Diagnostics.HasErrors)
                {
                    _providerData = response.ProviderData;
                    ConfigureTypes(response.ProviderData);
                }
            });

    // The Configure step: each resource, data source and list resource type gets the provider's data once.
    private void ConfigureTypes(object? providerData)
    {
        foreach (var resource in _resources.Values.OfType<IResourceWithConfigure>())
        {
            resource.Configure(providerData);
        }

        foreach (var dataSource in _dataSources.Values.OfType<IDataSourceWithConfigure>())
        {
            dataSource.Configure(providerData);
        }

        foreach (var list in _listResources.Values.OfType<IListResourceWithConfigure>())
        {
            list.Configure(providerData);
        }
    }
}
