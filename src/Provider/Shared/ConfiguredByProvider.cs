using PodIdentity.Plugin.Framework;

namespace PodIdentity.Provider.Shared;

/// <summary>
/// The configured provider as each resource and data source type receives it, once, in the framework's Configure
/// step (after ConfigureProvider, before any call that reaches AWS).
/// </summary>
internal abstract class ConfiguredByProvider
{
    private volatile AwsProviderContext? _context;

    public void Configure(object? providerData) => _context = providerData as AwsProviderContext;

    /// <summary>The configured provider. Terraform configures it before any create, read, update, delete or import.</summary>
    protected AwsProviderContext Context =>
        _context ?? throw new InvalidOperationException("The provider was not configured: ConfigureProvider did not run or failed.");

    /// <summary>The configured provider, or null while it is not configured (plans without a configured provider).</summary>
    protected AwsProviderContext? ContextIfConfigured => _context;
}

/// <summary>A data source type: its name and schema, configured by the provider like every type here.</summary>
internal abstract class ConfiguredDataSource(string typeName, Schema schema) : ConfiguredByProvider, IDataSourceWithConfigure
{
    public string TypeName => typeName;

    public Schema Schema => schema;

    public abstract Task ReadAsync(DataSourceReadRequest request, DataSourceReadResponse response, CancellationToken cancellationToken);
}
