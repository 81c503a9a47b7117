using System.Reflection;

namespace PodIdentity.Aws.Clients;

/// <summary>
/// Everything the provider needs to call AWS for one configuration: typed EKS, IAM and STS clients over one
/// HttpClient, signing with credentials resolved lazily on the first call.
/// </summary>
public sealed class AwsClients : IDisposable
{
    private readonly HttpClient _http;
    private readonly CredentialSource _credentials;

    private AwsClients(AwsProviderConfig config, HttpClient http, CredentialSource credentials, EksClient eks, IamClient iam, StsClient sts)
    {
        Config = config;
        _http = http;
        _credentials = credentials;
        Eks = eks;
        Iam = iam;
        Sts = sts;
        Partition = AwsPartition.ForRegion(config.Region!);
    }

    /// <summary>The resolved configuration these clients were built from.</summary>
    public AwsProviderConfig Config { get; }

    public AwsPartition Partition { get; }

    public EksClient Eks { get; }

    public IamClient Iam { get; }

    public StsClient Sts { get; }

    /// <summary>Which source the credentials came from; known after the first call.</summary>
    public string CredentialSourceName => _credentials.Name;

    /// <summary>
    /// Builds clients for a configuration already passed through <see cref="AwsConfigResolver.Resolve"/> and
    /// <see cref="AwsProviderConfig.Validate"/>. Does no I/O.
    /// </summary>
    public static AwsClients Create(AwsProviderConfig resolved, AwsClientOptions? options = null)
    {
        options ??= new AwsClientOptions();
        var problems = resolved.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException($"Invalid AWS configuration: {problems[0].Attribute}: {problems[0].Detail}", nameof(resolved));
        }

        var env = options.Environment ?? AwsConfigResolver.ProcessEnvironment();
        var time = options.TimeProvider ?? TimeProvider.System;
        var stsEndpoint = AwsEndpointResolver.Resolve(AwsService.Sts, resolved);
        var eksEndpoint = AwsEndpointResolver.Resolve(AwsService.Eks, resolved);
        var iamEndpoint = AwsEndpointResolver.Resolve(AwsService.Iam, resolved);
        var anyTls = new[] { stsEndpoint, eksEndpoint, iamEndpoint }.Any(e => e.BaseUri.Scheme == Uri.UriSchemeHttps);
        var http = options.Handler is null
            ? new HttpClient(HttpClientFactory.CreateHandler(resolved, anyTls, env), disposeHandler: true)
            : new HttpClient(options.Handler, disposeHandler: false);
        http.Timeout = options.RequestTimeout;

        var retry = new RetryPolicy(resolved.MaxRetries ?? RetryPolicy.DefaultMaxRetries, resolved.RetryMode == "adaptive", Random.Shared.NextDouble);
        var delay = options.Delay ?? ((d, ct) => Task.Delay(d, time, ct));
        var transport = new AwsTransport(http, retry, time, delay, options.OnCall, UserAgent(options.UserAgentSuffix));

        var sources = new CredentialSources(transport, http, stsEndpoint, env, time);
        CredentialSource credentials = resolved.AssumeRoleWithWebIdentity is { } wi
            ? sources.WebIdentity(wi)
            : new CredentialChain(resolved, sources, options.Log);
        if (resolved.AssumeRole is { RoleArn: { Length: > 0 } } ar)
        {
            credentials = sources.AssumeRole(credentials, ar);
        }

        return new AwsClients(resolved, http, credentials,
            new EksClient(transport, eksEndpoint, credentials),
            new IamClient(transport, iamEndpoint, credentials),
            new StsClient(transport, stsEndpoint, credentials));
    }

    public void Dispose() => _http.Dispose();

    private static string UserAgent(string? suffix)
    {
        var version = typeof(AwsClients).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = version.IndexOf('+');
        if (plus >= 0)
        {
            version = version[..plus];
        }

        var ua = $"terraform-provider-aws/{version} (podidentity/aws; +PodIdentity.Aws.Clients) dotnet/{Environment.Version}";
        return string.IsNullOrEmpty(suffix) ? ua : ua + " " + suffix;
    }
}
