namespace PodIdentity.Aws.Clients;

/// <summary>Builds every kind of credential source over the clients' one transport, environment and clock.</summary>
internal sealed class CredentialSources(AwsTransport transport, HttpClient http, ServiceEndpoint sts,
    IReadOnlyDictionary<string, string> environment, TimeProvider time)
{
    public string? Env(string name) => environment.TryGetValue(name, out var v) && v.Length > 0 ? v : null;

    /// <summary>Unsigned: the web identity token is the proof.</summary>
    public CredentialSource WebIdentity(AssumeRoleWithWebIdentityConfig config) =>
        new WebIdentityCredentialSource(new StsClient(transport, sts, null), config, time);

    public CredentialSource AssumeRole(CredentialSource baseCredentials, AssumeRoleConfig config) =>
        new AssumeRoleCredentialSource(new StsClient(transport, sts, baseCredentials), config, time);

    public CredentialSource Container() => new ContainerCredentialSource(http, environment, time);

    public CredentialSource InstanceMetadata() => new InstanceMetadataCredentialSource(http, environment, time);

    public CredentialSource Process(string command, string profileName) => new ProcessCredentialSource(command, profileName, time);

    public CredentialSource Sso(SsoProfile profile)
    {
        var partition = AwsPartition.ForRegion(profile.Region);
        var url = Env("AWS_ENDPOINT_URL_SSO") ?? $"https://portal.sso.{profile.Region}.{partition.DnsSuffix}/";
        var home = Env("HOME") ?? Env("USERPROFILE") ?? System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile);
        return new SsoCredentialSource(profile, transport, new ServiceEndpoint(new Uri(url), profile.Region, "awsssoportal"), home, time);
    }

    /// <summary>AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or null.</summary>
    public CredentialSource? EnvironmentKeys() =>
        Env("AWS_ACCESS_KEY_ID") is { } key && Env("AWS_SECRET_ACCESS_KEY") is { } secret
            ? new StaticCredentialSource(key, secret, Env("AWS_SESSION_TOKEN"), "environment")
            : null;
}
