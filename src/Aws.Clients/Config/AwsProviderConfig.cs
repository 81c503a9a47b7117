using System.Text;

namespace PodIdentity.Aws.Clients;

/// <summary>
/// The provider arguments of the official AWS provider that we support, as plain values. Null means "not set"; use
/// <see cref="AwsConfigResolver"/> to fill the gaps from the environment and shared config before connecting.
/// </summary>
public sealed record AwsProviderConfig
{
    public string? Region { get; init; }
    public string? AccessKey { get; init; }
    public string? SecretKey { get; init; }
    public string? Token { get; init; }
    public string? Profile { get; init; }
    public IReadOnlyList<string>? SharedConfigFiles { get; init; }
    public IReadOnlyList<string>? SharedCredentialsFiles { get; init; }
    public AssumeRoleConfig? AssumeRole { get; init; }
    public AssumeRoleWithWebIdentityConfig? AssumeRoleWithWebIdentity { get; init; }
    public EndpointsConfig? Endpoints { get; init; }
    public bool? SkipCredentialsValidation { get; init; }
    public bool? SkipRequestingAccountId { get; init; }
    public bool? SkipRegionValidation { get; init; }
    public bool? SkipMetadataApiCheck { get; init; }
    public int? MaxRetries { get; init; }
    public string? RetryMode { get; init; }
    public IReadOnlyList<string>? AllowedAccountIds { get; init; }
    public IReadOnlyList<string>? ForbiddenAccountIds { get; init; }
    public string? CustomCaBundle { get; init; }
    public string? HttpProxy { get; init; }
    public string? HttpsProxy { get; init; }
    public string? NoProxy { get; init; }
    public bool? Insecure { get; init; }

    /// <summary>Problems that make this configuration unusable, keyed by provider attribute path.</summary>
    public IReadOnlyList<ConfigProblem> Validate() => AwsConfigValidator.Validate(this);

    // Records print every property; secrets must never reach logs or diagnostics.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Region = ").Append(Region)
            .Append(", AccessKey = ").Append(AccessKey)
            .Append(", SecretKey = ").Append(Redaction.Mark(SecretKey))
            .Append(", Token = ").Append(Redaction.Mark(Token))
            .Append(", Profile = ").Append(Profile)
            .Append(", AssumeRole = ").Append(AssumeRole)
            .Append(", AssumeRoleWithWebIdentity = ").Append(AssumeRoleWithWebIdentity)
            .Append(", Endpoints = ").Append(Endpoints)
            .Append(", MaxRetries = ").Append(MaxRetries)
            .Append(", RetryMode = ").Append(RetryMode);
        return true;
    }
}

/// <summary>The <c>assume_role</c> block.</summary>
public sealed record AssumeRoleConfig
{
    public string? RoleArn { get; init; }
    public string? SessionName { get; init; }
    public string? ExternalId { get; init; }
    /// <summary>Go duration syntax, e.g. <c>1h30m</c>.</summary>
    public string? Duration { get; init; }
    public string? Policy { get; init; }
    public IReadOnlyDictionary<string, string>? Tags { get; init; }
    public IReadOnlyList<string>? TransitiveTagKeys { get; init; }
}

/// <summary>The <c>assume_role_with_web_identity</c> block.</summary>
public sealed record AssumeRoleWithWebIdentityConfig
{
    public string? RoleArn { get; init; }
    public string? SessionName { get; init; }
    public string? WebIdentityToken { get; init; }
    public string? WebIdentityTokenFile { get; init; }
    public string? Duration { get; init; }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("RoleArn = ").Append(RoleArn)
            .Append(", SessionName = ").Append(SessionName)
            .Append(", WebIdentityToken = ").Append(Redaction.Mark(WebIdentityToken))
            .Append(", WebIdentityTokenFile = ").Append(WebIdentityTokenFile)
            .Append(", Duration = ").Append(Duration);
        return true;
    }
}

/// <summary>The <c>endpoints</c> block: custom base URLs per service.</summary>
public sealed record EndpointsConfig
{
    public string? Eks { get; init; }
    public string? Iam { get; init; }
    public string? Sts { get; init; }
}

/// <summary>One unusable setting: <see cref="Attribute"/> is the provider path such as <c>endpoints.0.eks</c>.</summary>
public sealed record ConfigProblem(string Attribute, string Summary, string Detail);
