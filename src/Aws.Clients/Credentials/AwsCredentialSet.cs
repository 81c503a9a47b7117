namespace PodIdentity.Aws.Clients;

/// <summary>One set of resolved credentials. Prints only the access key id.</summary>
internal sealed record AwsCredentialSet(string AccessKeyId, string SecretAccessKey, string? SessionToken, DateTimeOffset? Expiration, string Source)
{
    public override string ToString() =>
        $"AwsCredentialSet {{ AccessKeyId = {AccessKeyId}, Source = {Source}, Expiration = {Expiration:O} }}";
}
