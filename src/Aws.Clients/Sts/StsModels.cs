namespace PodIdentity.Aws.Clients;

public sealed record CallerIdentity(string? UserId, string? Account, string? Arn);

public sealed record AssumeRoleRequest(string RoleArn, string RoleSessionName)
{
    public string? ExternalId { get; init; }
    public int? DurationSeconds { get; init; }
    public string? Policy { get; init; }
    public IReadOnlyDictionary<string, string>? Tags { get; init; }
    public IReadOnlyList<string>? TransitiveTagKeys { get; init; }
}

public sealed record AssumeRoleWithWebIdentityRequest(string RoleArn, string RoleSessionName, string WebIdentityToken)
{
    public int? DurationSeconds { get; init; }
    public string? Policy { get; init; }

    public override string ToString() => $"AssumeRoleWithWebIdentityRequest {{ RoleArn = {RoleArn}, RoleSessionName = {RoleSessionName} }}";
}

/// <summary>Temporary credentials returned by STS. Prints only the access key id.</summary>
public sealed record StsCredentials(string AccessKeyId, string SecretAccessKey, string SessionToken, DateTimeOffset? Expiration)
{
    public override string ToString() => $"StsCredentials {{ AccessKeyId = {AccessKeyId}, Expiration = {Expiration:O} }}";

    internal AwsCredentialSet ToSet(string source) => new(AccessKeyId, SecretAccessKey, SessionToken, Expiration, source);
}

public sealed record AssumeRoleResult(StsCredentials Credentials, string? AssumedRoleId, string? AssumedRoleArn, int? PackedPolicySize);
