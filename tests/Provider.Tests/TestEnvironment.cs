namespace PodIdentity.Provider.Tests;

/// <summary>A process environment for configure that never reaches the developer's real ~/.aws or EC2 metadata.</summary>
internal static class TestEnvironment
{
    private static readonly string Home = Directory.CreateTempSubdirectory("provider-tests-home-").FullName;

    public static Dictionary<string, string> Create(params (string Key, string Value)[] extra)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["HOME"] = Home,
            ["AWS_CONFIG_FILE"] = Path.Combine(Home, "no-config"),
            ["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(Home, "no-credentials"),
            ["AWS_EC2_METADATA_DISABLED"] = "true",
        };
        foreach (var (key, value) in extra)
        {
            env[key] = value;
        }

        return env;
    }
}
