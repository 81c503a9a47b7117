namespace PodIdentity.Aws.Clients;

/// <summary>
/// A shared-config profile's credentials, read through the project's one INI parser (<see cref="SharedConfigFiles"/>):
/// static keys, credential_process, SSO, web_identity_token_file, and role_arn on top of a source_profile or a
/// credential_source, in the order the AWS SDK for Go resolves them.
/// </summary>
internal static class ProfileCredentials
{
    public static CredentialSource Resolve(SharedConfigFiles shared, string profileName, CredentialSources sources) =>
        Resolve(shared, profileName, sources, []);

    private static CredentialSource Resolve(SharedConfigFiles shared, string profileName, CredentialSources sources, HashSet<string> visited)
    {
        string? Get(string key) => shared.Get(profileName, key) is { Length: > 0 } v ? v : null;
        var name = $"profile \"{profileName}\"";
        if (!visited.Add(profileName))
        {
            throw new AwsCredentialsException($"The source_profile chain loops back to {name}.");
        }

        if (!shared.HasProfile(profileName))
        {
            throw new AwsCredentialsException($"The {name} named by a source_profile does not exist.");
        }

        var roleArn = Get("role_arn");
        var keys = Get("aws_access_key_id") is { } key && Get("aws_secret_access_key") is { } secret
            ? new StaticCredentialSource(key, secret, Get("aws_session_token"), name)
            : null;

        // A profile that is its own source_profile assumes its role with its own keys.
        var sourceProfile = Get("source_profile");
        CredentialSource? source =
            roleArn is not null && sourceProfile is not null && sourceProfile != profileName ? Resolve(shared, sourceProfile, sources, visited)
            : keys is not null ? keys
            : Get("credential_source") is { } credentialSource ? FromCredentialSource(credentialSource, name, sources)
            : null;

        if (source is null && Get("web_identity_token_file") is { } tokenFile)
        {
            return sources.WebIdentity(new AssumeRoleWithWebIdentityConfig
            {
                RoleArn = roleArn ?? throw new AwsCredentialsException($"The {name} has web_identity_token_file but no role_arn."),
                WebIdentityTokenFile = tokenFile,
                SessionName = Get("role_session_name"),
                Duration = Get("duration_seconds") is { } d ? d + "s" : null,
            });
        }

        source ??= Sso(shared, profileName, Get) is { } sso ? sources.Sso(sso)
            : Get("credential_process") is { } command ? sources.Process(command, profileName)
            : null;

        if (roleArn is null)
        {
            return source ?? throw new AwsCredentialsException(
                $"The {name} has no credentials: no keys, credential_process, SSO settings, or role_arn.");
        }

        if (source is null)
        {
            throw new AwsCredentialsException($"The {name} has role_arn but neither source_profile nor credential_source.");
        }

        if (Get("mfa_serial") is not null)
        {
            throw new AwsCredentialsException($"The {name} needs an MFA code (mfa_serial), which a provider cannot prompt for.");
        }

        return sources.AssumeRole(source, new AssumeRoleConfig
        {
            RoleArn = roleArn,
            SessionName = Get("role_session_name"),
            ExternalId = Get("external_id"),
            Duration = Get("duration_seconds") is { } seconds ? seconds + "s" : null,
        });
    }

    private static CredentialSource FromCredentialSource(string value, string name, CredentialSources sources) => value switch
    {
        "Environment" => sources.EnvironmentKeys()
            ?? throw new AwsCredentialsException($"The {name} has credential_source = Environment, but AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set."),
        "Ec2InstanceMetadata" => sources.InstanceMetadata(),
        "EcsContainer" => sources.Container(),
        _ => throw new AwsCredentialsException(
            $"The {name} has credential_source = {value}; expected Environment, Ec2InstanceMetadata or EcsContainer."),
    };

    /// <summary>sso_account_id and sso_role_name, with start URL and region from an [sso-session] or the profile.</summary>
    private static SsoProfile? Sso(SharedConfigFiles shared, string profileName, Func<string, string?> get)
    {
        var session = get("sso_session");
        if (session is null && get("sso_start_url") is null)
        {
            return null;
        }

        string? Setting(string key) => (session is null ? null : shared.Config.Get("sso-session " + session, key)) ?? get(key);
        var startUrl = Setting("sso_start_url");
        var region = Setting("sso_region");
        var account = get("sso_account_id");
        var role = get("sso_role_name");
        if (startUrl is null || region is null || account is null || role is null)
        {
            throw new AwsCredentialsException(
                $"The SSO profile \"{profileName}\" needs sso_start_url and sso_region (in the profile or its sso-session), sso_account_id and sso_role_name.");
        }

        return new SsoProfile(profileName, session, startUrl, region, account, role);
    }
}
