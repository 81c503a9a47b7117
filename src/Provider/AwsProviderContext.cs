using System.Collections.Concurrent;
using PodIdentity.Aws.Clients;
using PodIdentity.Plugin.Framework;
using PodIdentity.Plugin.Values;
using PodIdentity.Provider.Associations;
using PodIdentity.Provider.Checks;
using PodIdentity.Provider.Shared;

namespace PodIdentity.Provider;

/// <summary>
/// What a configured provider hands every resource and data source (as <c>ProviderData</c>): the resolved region,
/// partition and account, AWS clients, and the tag policy. Thread-safe; one instance per ConfigureProvider.
/// </summary>
public sealed class AwsProviderContext : IDisposable
{
    private readonly AwsProviderConfig _config;
    private readonly AwsClientOptions _clientOptions;
    private readonly AwsClients _defaultClients;

    // Resources may override the region per resource; each extra region gets its own clients, built on first use.
    private readonly ConcurrentDictionary<string, Lazy<AwsClients>> _regional = new(StringComparer.Ordinal);

    private AwsProviderContext(
        AwsProviderConfig config,
        AwsClientOptions clientOptions,
        AwsClients clients,
        string? accountId,
        TagPolicy tagPolicy,
        bool skipPodIdentityAgentCheck,
        CheckSettings? associationChecks,
        string? callerPartition)
    {
        _config = config;
        _clientOptions = clientOptions;
        _defaultClients = clients;
        AccountId = accountId;
        TagPolicy = tagPolicy;
        AgentCheck = new PodIdentityAgentCheck(this, skipPodIdentityAgentCheck);
        AssociationChecks = associationChecks is null
            ? null
            : new AssociationChecks(new CheckLookups(clients.Iam, EksFor, accountId), associationChecks, callerPartition ?? clients.Partition.Id, config.Region!);
    }

    /// <summary>The provider's region (configuration, environment or shared profile).</summary>
    public string Region => _config.Region!;

    /// <summary>The partition of <see cref="Region"/> (aws, aws-cn, aws-us-gov).</summary>
    public AwsPartition Partition => _defaultClients.Partition;

    /// <summary>The caller's account; null when <c>skip_requesting_account_id</c> (or credential validation) is skipped.</summary>
    public string? AccountId { get; }

    /// <summary>default_tags and ignore_tags, already merged with the <c>TF_AWS_*</c> environment variables.</summary>
    public TagPolicy TagPolicy { get; }

    /// <summary>The provider's <c>skip_pod_identity_agent_check</c> argument.</summary>
    public bool SkipPodIdentityAgentCheck => AgentCheck.Skipped;

    /// <summary>
    /// The associations' plan-time agent check and what it learned in this process. Plan checks keep their caches
    /// here, with the configured provider, so that two providers (aliases) never share them.
    /// </summary>
    internal PodIdentityAgentCheck AgentCheck { get; }

    /// <summary>
    /// The associations' other plan checks (roles, trust policies, clusters, conflicts) and their shared AWS reads;
    /// null when this context was built without them (tests of other behaviour).
    /// </summary>
    internal AssociationChecks? AssociationChecks { get; }

    /// <summary>EKS in the provider's region.</summary>
    public EksClient Eks => _defaultClients.Eks;

    /// <summary>IAM (a global service: one client serves every region of the partition).</summary>
    public IamClient Iam => _defaultClients.Iam;

    /// <summary>STS in the provider's region.</summary>
    public StsClient Sts => _defaultClients.Sts;

    /// <summary>The resolved AWS configuration (secrets print redacted).</summary>
    public AwsProviderConfig Config => _config;

    /// <summary>
    /// EKS for a resource's own <c>region</c> argument; null or empty means the provider's region. Clients are
    /// cached per region. Custom endpoints from the <c>endpoints</c> block apply to every region, as upstream.
    /// </summary>
    public EksClient EksFor(string? region) => ClientsFor(region).Eks;

    /// <summary>The region a resource works in: its own argument when set, else the provider's.</summary>
    public string RegionOr(string? region) => string.IsNullOrEmpty(region) ? Region : region;

    /// <summary>The region a configuration, plan, state or identity names, else the provider's.</summary>
    public string RegionOf(CtyValue value) => RegionOr(value.GetString(RegionAndTagsPlan.Region));

    /// <summary>
    /// Builds a context from an already resolved and validated configuration. Does no I/O; <see cref="AccountId"/>
    /// is whatever the caller found (the provider asks STS during configure). Tests pass a fake handler through
    /// <paramref name="clientOptions"/>; <paramref name="associationChecks"/> null leaves the association plan checks out.
    /// </summary>
    internal static AwsProviderContext Create(
        AwsProviderConfig resolvedConfig,
        AwsClientOptions? clientOptions = null,
        TagPolicy? tagPolicy = null,
        string? accountId = null,
        bool skipPodIdentityAgentCheck = false,
        CheckSettings? associationChecks = null)
    {
        ArgumentNullException.ThrowIfNull(resolvedConfig);
        clientOptions ??= new AwsClientOptions();
        var clients = AwsClients.Create(resolvedConfig, clientOptions);
        return new AwsProviderContext(
            resolvedConfig, clientOptions, clients, accountId, tagPolicy ?? TagPolicy.None, skipPodIdentityAgentCheck, associationChecks, null);
    }

    /// <summary>Used by configure, which already built (and called STS through) the default clients.</summary>
    internal static AwsProviderContext Create(
        AwsClients clients, AwsClientOptions clientOptions, TagPolicy tagPolicy, string? accountId, bool skipPodIdentityAgentCheck,
        CheckSettings associationChecks, string? callerPartition) =>
        new(clients.Config, clientOptions, clients, accountId, tagPolicy, skipPodIdentityAgentCheck, associationChecks, callerPartition);

    public void Dispose()
    {
        AgentCheck.Dispose();
        AssociationChecks?.Dispose();
        _defaultClients.Dispose();
        foreach (var lazy in _regional.Values)
        {
            if (lazy.IsValueCreated)
            {
                lazy.Value.Dispose();
            }
        }
    }

    private AwsClients ClientsFor(string? region)
    {
        if (string.IsNullOrEmpty(region) || string.Equals(region, Region, StringComparison.Ordinal))
        {
            return _defaultClients;
        }

        return _regional.GetOrAdd(
            region,
            r => new Lazy<AwsClients>(() => AwsClients.Create(_config with { Region = r }, _clientOptions))).Value;
    }
}
