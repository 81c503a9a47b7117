namespace PodIdentity.Aws.Clients;

/// <summary>Somewhere credentials come from. Implementations cache and refresh as their source requires.</summary>
internal abstract class CredentialSource
{
    public abstract string Name { get; }

    public abstract Task<AwsCredentialSet> GetAsync(CancellationToken cancellationToken);
}

/// <summary>Keys from the provider block or the environment.</summary>
internal sealed class StaticCredentialSource(string accessKey, string secretKey, string? token, string name) : CredentialSource
{
    private readonly AwsCredentialSet _credentials = new(accessKey, secretKey, string.IsNullOrEmpty(token) ? null : token, null, name);

    public override string Name => name;

    public override Task<AwsCredentialSet> GetAsync(CancellationToken cancellationToken) => Task.FromResult(_credentials);
}

/// <summary>Credentials produced by AWSSDK.Core (profiles, SSO, process, container, instance metadata); it refreshes them itself.</summary>
internal sealed class SdkCredentialSource(Amazon.Runtime.AWSCredentials credentials, string name) : CredentialSource
{
    public override string Name => name;

    public override async Task<AwsCredentialSet> GetAsync(CancellationToken cancellationToken)
    {
        Amazon.Runtime.ImmutableCredentials c;
        try
        {
            c = await credentials.GetCredentialsAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // SDK messages describe the failing source; they do not carry secret values.
            throw new AwsCredentialsException($"Could not get credentials from {name}: {e.Message}", e);
        }

        if (c is null || string.IsNullOrEmpty(c.AccessKey))
        {
            throw new AwsCredentialsException($"{name} returned no credentials.");
        }

        return new AwsCredentialSet(c.AccessKey, c.SecretKey, c.UseToken ? c.Token : null, null, name);
    }
}
