using PodIdentity.Plugin.Values;

namespace PodIdentity.Plugin.Framework;

/// <summary>A data source type.</summary>
public interface IDataSource
{
    string TypeName { get; }

    Schema Schema { get; }

    Task ReadAsync(DataSourceReadRequest request, DataSourceReadResponse response, CancellationToken cancellationToken);
}

/// <summary>The Configure step for a data source (see <see cref="IResourceWithConfigure"/>).</summary>
public interface IDataSourceWithConfigure : IDataSource
{
    void Configure(object? providerData);
}

public interface IDataSourceWithValidateConfig : IDataSource
{
    void ValidateConfig(ValidateConfigRequest request, Diagnostics diagnostics);
}

public sealed class DataSourceReadRequest
{
    public required CtyValue Config { get; init; }
}

public sealed class DataSourceReadResponse
{
    /// <summary>Starts as the configuration; must be wholly known when Read returns without errors.</summary>
    public required CtyValue State { get; set; }

    public Diagnostics Diagnostics { get; } = new();
}
