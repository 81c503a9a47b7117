namespace PodIdentity.Aws.Clients;

/// <summary>Somewhere credentials come from. Implementations cache and refresh as their source requires.</summary>
internal abstract class CredentialSource
{
    public abstract string Name { get; }

    public abstract Task<AwsCredentialSet> GetAsync(CancellationToken cancellationToken);
}

/// <summary>Keys from the provider block, the environment or a profile.</summary>
internal sealed class StaticCredentialSource(string accessKey, string secretKey, string? token, string name) : CredentialSource
{
    private readonly AwsCredentialSet _credentials = new(accessKey, secretKey, string.IsNullOrEmpty(token) ? null : token, null, name);

    public override string Name => name;

    public override Task<AwsCredentialSet> GetAsync(CancellationToken cancellationToken) => Task.FromResult(_credentials);
}
