using System.Net;

namespace PodIdentity.Aws.Clients;

/// <summary>
/// Container credentials: ECS task roles (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI) and EKS Pod Identity
/// (AWS_CONTAINER_CREDENTIALS_FULL_URI with AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE), which is how the provider
/// authenticates when Terraform itself runs in a pod.
/// </summary>
internal sealed class ContainerCredentialSource(HttpClient http, IReadOnlyDictionary<string, string> env, TimeProvider time)
    : RefreshingCredentialSource(time)
{
    // Plain HTTP only to the hosts the container agents listen on; anything else must be HTTPS.
    private static readonly string[] AgentHosts = ["169.254.170.2", "169.254.170.23", "[fd00:ec2::23]"];

    public override string Name => "container credentials";

    protected override async Task<AwsCredentialSet> FetchAsync(CancellationToken cancellationToken)
    {
        string? Env(string name) => env.TryGetValue(name, out var v) && v.Length > 0 ? v : null;

        var uri = Env("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") is { } relative
            ? new Uri("http://169.254.170.2" + relative)
            : new Uri(Env("AWS_CONTAINER_CREDENTIALS_FULL_URI")!);
        if (uri.Scheme != Uri.UriSchemeHttps && !uri.IsLoopback && !AgentHosts.Contains(uri.Host))
        {
            throw new AwsCredentialsException(
                $"AWS_CONTAINER_CREDENTIALS_FULL_URI must use https, or name a loopback address or a container agent host; {uri.Host} is neither.");
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        // The token file is rotated by the platform that mounts it, so it is read on every refresh.
        var tokenFile = Env("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE");
        string? token;
        try
        {
            token = tokenFile is not null
                ? (await File.ReadAllTextAsync(tokenFile, cancellationToken).ConfigureAwait(false)).Trim()
                : Env("AWS_CONTAINER_AUTHORIZATION_TOKEN");
        }
        catch (IOException e)
        {
            throw new AwsCredentialsException($"Could not read AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE \"{tokenFile}\": {e.Message}", e);
        }

        if (!string.IsNullOrEmpty(token))
        {
            request.Headers.TryAddWithoutValidation("Authorization", token);
        }

        return CredentialJson.Read(await SendAsync(http, request, Name, cancellationToken).ConfigureAwait(false), Name);
    }

    internal static async Task<byte[]> SendAsync(HttpClient http, HttpRequestMessage request, string source, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new AwsCredentialsException($"Could not reach {source} at {request.RequestUri}: {e.Message}", e);
        }

        using (response)
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new AwsCredentialsException($"{source} at {request.RequestUri} answered HTTP {(int)response.StatusCode}.");
            }

            return body;
        }
    }
}

/// <summary>The EC2 instance profile, through IMDSv2 (falls back to v1 when the token call is not offered).</summary>
internal sealed class InstanceMetadataCredentialSource(HttpClient http, IReadOnlyDictionary<string, string> env, TimeProvider time)
    : RefreshingCredentialSource(time)
{
    private const string CredentialsPath = "/latest/meta-data/iam/security-credentials/";

    // Off EC2 nothing answers; the chain should fail quickly instead of waiting for the connect timeout.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    public override string Name => "EC2 instance metadata";

    protected override async Task<AwsCredentialSet> FetchAsync(CancellationToken cancellationToken)
    {
        var endpoint = (env.TryGetValue("AWS_EC2_METADATA_SERVICE_ENDPOINT", out var e) && e.Length > 0 ? e : "http://169.254.169.254").TrimEnd('/');
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);

        string? token = null;
        using (var put = new HttpRequestMessage(HttpMethod.Put, endpoint + "/latest/api/token"))
        {
            put.Headers.TryAddWithoutValidation("X-aws-ec2-metadata-token-ttl-seconds", "21600");
            try
            {
                using var response = await http.SendAsync(put, timeout.Token).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    token = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
                }
                else if (response.StatusCode is not (HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed or HttpStatusCode.Forbidden))
                {
                    throw new AwsCredentialsException($"{Name} refused a session token: HTTP {(int)response.StatusCode}.");
                }
            }
            catch (Exception x) when (x is HttpRequestException || (x is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                throw new AwsCredentialsException($"Could not reach {Name} at {endpoint}: {x.Message}", x);
            }
        }

        var role = System.Text.Encoding.UTF8.GetString(await GetAsync(endpoint + CredentialsPath, token, timeout.Token).ConfigureAwait(false))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault()
            ?? throw new AwsCredentialsException($"{Name}: this instance has no IAM role.");
        return CredentialJson.Read(await GetAsync(endpoint + CredentialsPath + Uri.EscapeDataString(role), token, timeout.Token).ConfigureAwait(false), Name);
    }

    private async Task<byte[]> GetAsync(string url, string? token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("X-aws-ec2-metadata-token", token);
        }

        return await ContainerCredentialSource.SendAsync(http, request, Name, cancellationToken).ConfigureAwait(false);
    }
}
