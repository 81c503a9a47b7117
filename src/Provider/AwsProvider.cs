using PodIdentity.Aws.Clients;
using PodIdentity.Plugin.Framework;
using PodIdentity.Provider.Addons;
using PodIdentity.Provider.Associations;
using PodIdentity.Provider.Configuration;

namespace PodIdentity.Provider;

/// <summary>
/// The provider: its configuration schema, validation and configure, and the resource and data source types it
/// serves. Construction does no AWS work (start-up must stay fast); everything AWS happens in ConfigureAsync.
/// </summary>
public sealed class AwsProvider : IProviderWithValidateConfig, IProviderWithListResources
{
    // ------------------------------------------------------------------------------------------------------------
    // THE REGISTRATION LIST. Add one line per resource, data source or list resource type here (and nowhere else in this file).
    // Each type receives its AwsProviderContext once, in the framework's Configure step (ConfiguredByProvider).
    // ------------------------------------------------------------------------------------------------------------
    private static readonly Func<IResource>[] ResourceFactories =
    [
        () => new Associations.PodIdentityAssociationResource(),
        () => new Addons.AddonResource(),
    ];

    private static readonly Func<IDataSource>[] DataSourceFactories =
    [
        () => new Associations.PodIdentityAssociationDataSource(),
        () => new Associations.PodIdentityAssociationsDataSource(),
        () => new Addons.AddonDataSource(),
        () => new Addons.AddonVersionDataSource(),
    ];

    // terraform query: one per resource type with an identity that can be listed (type name = resource type).
    private static readonly Func<IListResource>[] ListResourceFactories =
    [
        () => new Associations.PodIdentityAssociationListResource(),
        () => new Addons.AddonListResource(),
    ];
    // ------------------------------------------------------------------------------------------------------------

    private readonly Func<IReadOnlyDictionary<string, string>> _environment;
    private readonly AwsClientOptions? _clientOptions;

    public AwsProvider()
        : this(AwsConfigResolver.ProcessEnvironment, null)
    {
    }

    /// <param name="environment">Read at configure time (env vars for AWS settings and TF_AWS_* tags).</param>
    /// <param name="clientOptions">Base client options (tests replace the HTTP handler); null uses the network.</param>
    internal AwsProvider(Func<IReadOnlyDictionary<string, string>> environment, AwsClientOptions? clientOptions)
    {
        _environment = environment;
        _clientOptions = clientOptions;
        Resources = ResourceFactories.Select(f => f()).ToArray();
        DataSources = DataSourceFactories.Select(f => f()).ToArray();
        ListResources = ListResourceFactories.Select(f => f()).ToArray();
    }

    public Schema Schema => ProviderSchema.Instance;

    public IReadOnlyList<IResource> Resources { get; }

    public IReadOnlyList<IDataSource> DataSources { get; }

    public IReadOnlyList<IListResource> ListResources { get; }

    public void ValidateConfig(ValidateConfigRequest request, Diagnostics diagnostics) =>
        ProviderConfigValidation.Validate(request.Config, diagnostics);

    public Task ConfigureAsync(ProviderConfigureRequest request, ProviderConfigureResponse response, CancellationToken cancellationToken) =>
        ProviderConfigure.RunAsync(request, response, _environment(), _clientOptions, cancellationToken);
}
