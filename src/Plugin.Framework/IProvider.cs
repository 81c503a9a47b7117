using PodIdentity.Plugin.Values;

namespace PodIdentity.Plugin.Framework;

/// <summary>The provider: its own configuration schema and the resource and data source types it serves.</summary>
public interface IProvider
{
    Schema Schema { get; }

    IReadOnlyList<IResource> Resources { get; }

    IReadOnlyList<IDataSource> DataSources { get; }

    /// <summary>Called once per process before resource work; <see cref="ProviderConfigureResponse.ProviderData"/>
    /// is handed once to every resource and data source that implements the Configure step.</summary>
    Task ConfigureAsync(ProviderConfigureRequest request, ProviderConfigureResponse response, CancellationToken cancellationToken);
}

public interface IProviderWithValidateConfig : IProvider
{
    void ValidateConfig(ValidateConfigRequest request, Diagnostics diagnostics);
}

public sealed class ProviderConfigureRequest
{
    /// <summary>May contain unknown values when the configuration depends on resources not yet created.</summary>
    public required CtyValue Config { get; init; }

    public string TerraformVersion { get; init; } = "";
}

public sealed class ProviderConfigureResponse
{
    public object? ProviderData { get; set; }

    public Diagnostics Diagnostics { get; } = new();
}
