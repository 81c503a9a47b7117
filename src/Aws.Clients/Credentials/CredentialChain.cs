namespace PodIdentity.Aws.Clients;

/// <summary>
/// The base credentials, chosen on first use in the official provider's order: static keys (provider block or
/// environment), an explicitly named profile, web identity from the environment, the default profile, container
/// credentials, then instance metadata (unless skip_metadata_api_check).
/// </summary>
internal sealed class CredentialChain(AwsProviderConfig config, CredentialSources sources, Action<AwsLogEvent>? log) : CredentialSource
{
    private readonly Lazy<CredentialSource> _selected = new(() => Select(config, sources, log));

    public override string Name => _selected.IsValueCreated ? _selected.Value.Name : "credential chain";

    public override Task<AwsCredentialSet> GetAsync(CancellationToken cancellationToken)
    {
        CredentialSource source;
        try
        {
            source = _selected.Value;
        }
        catch (AwsCredentialsException)
        {
            throw;
        }
        catch (Exception e)
        {
            throw new AwsCredentialsException("Could not set up AWS credentials: " + e.Message, e);
        }

        return source.GetAsync(cancellationToken);
    }

    private static CredentialSource Select(AwsProviderConfig config, CredentialSources sources, Action<AwsLogEvent>? log)
    {
        var chosen = Choose();
        log?.Invoke(new AwsLogEvent(AwsLogLevel.Debug, "Selected AWS credential source", [new("source", chosen.Name)]));
        return chosen;

        CredentialSource Choose()
        {
            if (!string.IsNullOrEmpty(config.AccessKey) && !string.IsNullOrEmpty(config.SecretKey))
            {
                return new StaticCredentialSource(config.AccessKey, config.SecretKey, config.Token, "static credentials");
            }

            var shared = SharedConfigFiles.Load(config.SharedConfigFiles ?? [], config.SharedCredentialsFiles ?? []);
            if (!string.IsNullOrEmpty(config.Profile))
            {
                if (!shared.HasProfile(config.Profile))
                {
                    throw new AwsCredentialsException(
                        $"Profile \"{config.Profile}\" was not found in the shared config files ({string.Join(", ", config.SharedConfigFiles ?? [])}) "
                        + $"or shared credentials files ({string.Join(", ", config.SharedCredentialsFiles ?? [])}).");
                }

                return ProfileCredentials.Resolve(shared, config.Profile, sources);
            }

            if (sources.Env("AWS_ROLE_ARN") is { } roleArn && sources.Env("AWS_WEB_IDENTITY_TOKEN_FILE") is { } tokenFile)
            {
                return sources.WebIdentity(new AssumeRoleWithWebIdentityConfig
                {
                    RoleArn = roleArn,
                    WebIdentityTokenFile = tokenFile,
                    SessionName = sources.Env("AWS_ROLE_SESSION_NAME"),
                });
            }

            if (shared.HasProfile("default"))
            {
                return ProfileCredentials.Resolve(shared, "default", sources);
            }

            if (sources.Env("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") is not null || sources.Env("AWS_CONTAINER_CREDENTIALS_FULL_URI") is not null)
            {
                return sources.Container();
            }

            if (config.SkipMetadataApiCheck != true)
            {
                return sources.InstanceMetadata();
            }

            throw new AwsCredentialsException(
                "No valid credential sources found: set access_key and secret_key, a profile, AWS_ACCESS_KEY_ID and "
                + "AWS_SECRET_ACCESS_KEY, or shared credentials files.");
        }
    }
}
