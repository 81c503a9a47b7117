namespace PodIdentity.Aws.Clients;

/// <summary>The <c>assume_role</c> block: STS AssumeRole signed with the base credentials, through our STS client.</summary>
internal sealed class AssumeRoleCredentialSource(StsClient sts, AssumeRoleConfig config, TimeProvider time)
    : RefreshingCredentialSource(time)
{
    public override string Name => $"assume_role ({config.RoleArn})";

    protected override async Task<AwsCredentialSet> FetchAsync(CancellationToken cancellationToken)
    {
        int? seconds = GoDuration.TryParse(config.Duration, out var d) ? (int)d.TotalSeconds : null;
        var request = new AssumeRoleRequest(config.RoleArn ?? "", SessionName.OrDefault(config.SessionName, Time))
        {
            ExternalId = config.ExternalId,
            DurationSeconds = seconds,
            Policy = config.Policy,
            Tags = config.Tags,
            TransitiveTagKeys = config.TransitiveTagKeys,
        };
        var result = await sts.AssumeRoleAsync(request, cancellationToken).ConfigureAwait(false);
        return result.Credentials.ToSet(Name);
    }
}

/// <summary>The <c>assume_role_with_web_identity</c> block, or AWS_ROLE_ARN with AWS_WEB_IDENTITY_TOKEN_FILE.</summary>
internal sealed class WebIdentityCredentialSource(StsClient sts, AssumeRoleWithWebIdentityConfig config, TimeProvider time)
    : RefreshingCredentialSource(time)
{
    public override string Name => $"assume_role_with_web_identity ({config.RoleArn})";

    protected override async Task<AwsCredentialSet> FetchAsync(CancellationToken cancellationToken)
    {
        string token;
        if (!string.IsNullOrEmpty(config.WebIdentityToken))
        {
            token = config.WebIdentityToken;
        }
        else
        {
            // Re-read each time: token files are rotated by the platform that mounts them.
            try
            {
                token = (await File.ReadAllTextAsync(config.WebIdentityTokenFile ?? "", cancellationToken).ConfigureAwait(false)).Trim();
            }
            catch (IOException e)
            {
                throw new AwsCredentialsException($"Could not read web_identity_token_file \"{config.WebIdentityTokenFile}\": {e.Message}", e);
            }
        }

        int? seconds = GoDuration.TryParse(config.Duration, out var d) ? (int)d.TotalSeconds : null;
        var request = new AssumeRoleWithWebIdentityRequest(config.RoleArn ?? "", SessionName.OrDefault(config.SessionName, Time), token)
        {
            DurationSeconds = seconds,
        };
        var result = await sts.AssumeRoleWithWebIdentityAsync(request, cancellationToken).ConfigureAwait(false);
        return result.Credentials.ToSet(Name);
    }
}

internal static class SessionName
{
    public static string OrDefault(string? name, TimeProvider time) =>
        string.IsNullOrEmpty(name) ? $"terraform-provider-podidentity-{time.GetUtcNow().ToUnixTimeMilliseconds()}" : name;
}
