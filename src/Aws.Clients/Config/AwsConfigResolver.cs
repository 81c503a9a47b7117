using System.Collections;
using System.Globalization;

namespace PodIdentity.Aws.Clients;

/// <summary>
/// Fills the settings a configuration leaves null from the environment variables the official provider reads and
/// from the selected shared-config profile. The environment is passed in so callers (and tests) control it.
/// </summary>
public static class AwsConfigResolver
{
    /// <summary>A snapshot of this process's environment variables.</summary>
    public static IReadOnlyDictionary<string, string> ProcessEnvironment()
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry e in Environment.GetEnvironmentVariables())
        {
            if (e.Key is string k && e.Value is string v)
            {
                env[k] = v;
            }
        }

        return env;
    }

    public static AwsProviderConfig Resolve(AwsProviderConfig config, IReadOnlyDictionary<string, string> environment)
    {
        string? Env(string name) => environment.TryGetValue(name, out var v) && v.Length > 0 ? v : null;

        var home = Env("HOME") ?? Env("USERPROFILE") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var configFiles = Expand(config.SharedConfigFiles, home)
            ?? [ExpandHome(Env("AWS_CONFIG_FILE") ?? "~/.aws/config", home)];
        var credentialsFiles = Expand(config.SharedCredentialsFiles, home)
            ?? [ExpandHome(Env("AWS_SHARED_CREDENTIALS_FILE") ?? "~/.aws/credentials", home)];

        // An explicit profile in the provider block wins over keys in the environment (as in the official provider);
        // AWS_PROFILE does not.
        var useEnvKeys = config.AccessKey is null && config.SecretKey is null && config.Profile is null
            && Env("AWS_ACCESS_KEY_ID") is not null && Env("AWS_SECRET_ACCESS_KEY") is not null;
        var profile = config.Profile ?? Env("AWS_PROFILE");

        var shared = SharedConfigFiles.Load(configFiles, credentialsFiles);
        var profileName = profile ?? "default";

        var endpoints = new EndpointsConfig
        {
            Eks = config.Endpoints?.Eks ?? Env("AWS_ENDPOINT_URL_EKS") ?? Env("AWS_ENDPOINT_URL"),
            Iam = config.Endpoints?.Iam ?? Env("AWS_ENDPOINT_URL_IAM") ?? Env("AWS_ENDPOINT_URL"),
            Sts = config.Endpoints?.Sts ?? Env("AWS_ENDPOINT_URL_STS") ?? Env("AWS_ENDPOINT_URL"),
        };

        return config with
        {
            Region = config.Region ?? Env("AWS_REGION") ?? Env("AWS_DEFAULT_REGION") ?? shared.Get(profileName, "region"),
            AccessKey = useEnvKeys ? Env("AWS_ACCESS_KEY_ID") : config.AccessKey,
            SecretKey = useEnvKeys ? Env("AWS_SECRET_ACCESS_KEY") : config.SecretKey,
            Token = useEnvKeys ? Env("AWS_SESSION_TOKEN") : config.Token,
            Profile = profile,
            SharedConfigFiles = configFiles,
            SharedCredentialsFiles = credentialsFiles,
            Endpoints = endpoints,
            MaxRetries = config.MaxRetries ?? AttemptsToRetries(Env("AWS_MAX_ATTEMPTS") ?? shared.Get(profileName, "max_attempts")),
            RetryMode = config.RetryMode ?? Env("AWS_RETRY_MODE") ?? shared.Get(profileName, "retry_mode"),
            CustomCaBundle = config.CustomCaBundle ?? Env("AWS_CA_BUNDLE") ?? shared.Get(profileName, "ca_bundle"),
            HttpProxy = config.HttpProxy ?? Env("HTTP_PROXY") ?? Env("http_proxy"),
            HttpsProxy = config.HttpsProxy ?? Env("HTTPS_PROXY") ?? Env("https_proxy"),
            NoProxy = config.NoProxy ?? Env("NO_PROXY") ?? Env("no_proxy"),
            SkipMetadataApiCheck = config.SkipMetadataApiCheck
                ?? (string.Equals(Env("AWS_EC2_METADATA_DISABLED"), "true", StringComparison.OrdinalIgnoreCase) ? true : null),
        };
    }

    // AWS_MAX_ATTEMPTS counts the first try; max_retries does not.
    private static int? AttemptsToRetries(string? attempts) =>
        int.TryParse(attempts, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n - 1 : null;

    private static IReadOnlyList<string>? Expand(IReadOnlyList<string>? paths, string home) =>
        paths is { Count: > 0 } ? paths.Select(p => ExpandHome(p, home)).ToArray() : null;

    private static string ExpandHome(string path, string home) =>
        path == "~" ? home : path.StartsWith("~/", StringComparison.Ordinal) ? Path.Combine(home, path[2..]) : path;
}
