using PodIdentity.Plugin.Values;

namespace PodIdentity.Plugin.Framework.Tests;

internal sealed class FakeDataSource : IDataSource
{
    public string TypeName => "fake_lookup";

    public Schema Schema { get; } = new()
    {
        Attributes =
        [
            new SchemaAttribute { Name = "name", Type = CtyType.String, Required = true, Validators = [Validators.StringLengthAtLeast(3)] },
            new SchemaAttribute { Name = "value", Type = CtyType.String, Computed = true },
        ],
    };

    public Task ReadAsync(DataSourceReadRequest request, DataSourceReadResponse response, CancellationToken cancellationToken)
    {
        response.State = request.Config.WithString("value", "value-of-" + request.Config.GetString("name"));
        return Task.CompletedTask;
    }
}

internal sealed class FakeProvider : IProvider
{
    public FakeResource Resource { get; } = new();

    public Schema Schema { get; } = new()
    {
        Attributes = [new SchemaAttribute { Name = "region", Type = CtyType.String, Optional = true, Validators = [Validators.StringLengthBetween(2, 20)] }],
    };

    public IReadOnlyList<IResource> Resources => [Resource];

    public IReadOnlyList<IDataSource> DataSources { get; } = [new FakeDataSource()];

    public Task ConfigureAsync(ProviderConfigureRequest request, ProviderConfigureResponse response, CancellationToken cancellationToken)
    {
        response.ProviderData = "client-for-" + (request.Config.GetString("region") ?? "default");
        return Task.CompletedTask;
    }
}
