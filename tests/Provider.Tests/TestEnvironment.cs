using PodIdentity.TestSupport;

namespace PodIdentity.Provider.Tests;

/// <summary>A process environment for configure that never reaches the developer's real ~/.aws or EC2 metadata.</summary>
internal static class TestEnvironment
{
    private static readonly string Home = Directory.CreateTempSubdirectory("provider-tests-home-").FullName;

    public static Dictionary<string, string> Create(params (string Key, string Value)[] extra)
    {
        // A whole environment, not changes to one: variables to remove are simply absent.
        var env = IsolatedAws.Environment(Home).Where(e => e.Value is not null).ToDictionary(e => e.Key, e => e.Value!, StringComparer.Ordinal);
        env["HOME"] = Home;
        foreach (var (key, value) in extra)
        {
            env[key] = value;
        }

        return env;
    }
}
