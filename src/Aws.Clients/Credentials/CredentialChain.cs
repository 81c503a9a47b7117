using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;

namespace PodIdentity.Aws.Clients;

/// <summary>
/// The base credentials, chosen on first use in the official provider's order: static keys (provider block or
/// environment), an explicitly named profile, web identity from the environment, the default profile, container
/// credentials, then instance metadata (unless skip_metadata_api_check).
/// </summary>
internal sealed class CredentialChain(AwsProviderConfig config, IReadOnlyDictionary<string, string> environment,
    Func<AssumeRoleWithWebIdentityConfig, CredentialSource> webIdentity, Action<AwsLogEvent>? log) : CredentialSource
{
    private readonly Lazy<CredentialSource> _selected = new(() => Select(config, environment, webIdentity, log));

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

    private static CredentialSource Select(AwsProviderConfig config, IReadOnlyDictionary<string, string> env,
        Func<AssumeRoleWithWebIdentityConfig, CredentialSource> webIdentity, Action<AwsLogEvent>? log)
    {
        string? Env(string name) => env.TryGetValue(name, out var v) && v.Length > 0 ? v : null;

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

                return FromProfile(shared, config.Profile);
            }

            if (Env("AWS_ROLE_ARN") is { } roleArn && Env("AWS_WEB_IDENTITY_TOKEN_FILE") is { } tokenFile)
            {
                return webIdentity(new AssumeRoleWithWebIdentityConfig
                {
                    RoleArn = roleArn,
                    WebIdentityTokenFile = tokenFile,
                    SessionName = Env("AWS_ROLE_SESSION_NAME"),
                });
            }

            if (shared.HasProfile("default"))
            {
                return FromProfile(shared, "default");
            }

            if (Env("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") is not null || Env("AWS_CONTAINER_CREDENTIALS_FULL_URI") is not null)
            {
                return new SdkCredentialSource(new GenericContainerCredentials(), "container credentials");
            }

            if (config.SkipMetadataApiCheck != true)
            {
                return new SdkCredentialSource(new InstanceProfileAWSCredentials(), "EC2 instance metadata");
            }

            throw new AwsCredentialsException(
                "No valid credential sources found: set access_key and secret_key, a profile, AWS_ACCESS_KEY_ID and "
                + "AWS_SECRET_ACCESS_KEY, or shared credentials files.");
        }
    }

    /// <summary>
    /// Profiles can be static keys, SSO, credential_process, role chains or web identity; AWSSDK.Core handles them all
    /// once it sees our merged files.
    /// </summary>
    private static CredentialSource FromProfile(SharedConfigFiles shared, string profileName)
    {
        var name = $"profile \"{profileName}\"";
        if (shared.Get(profileName, "aws_access_key_id") is { Length: > 0 } key
            && shared.Get(profileName, "aws_secret_access_key") is { Length: > 0 } secret
            && shared.Get(profileName, "role_arn") is null)
        {
            return new StaticCredentialSource(key, secret, shared.Get(profileName, "aws_session_token"), name);
        }

        var dir = shared.WriteForSdk();
        try
        {
            var file = new SharedCredentialsFile(Path.Combine(dir, "credentials"));
            if (!file.TryGetProfile(profileName, out var profile) || !profile.CanCreateAWSCredentials)
            {
                throw new AwsCredentialsException($"The {name} does not describe credentials AWSSDK.Core can use.");
            }

            return new SdkCredentialSource(profile.GetAWSCredentials(file), name);
        }
        finally
        {
            // The SDK has read both files; the merged copy holds secrets and must not linger.
            Directory.Delete(dir, recursive: true);
        }
    }
}
