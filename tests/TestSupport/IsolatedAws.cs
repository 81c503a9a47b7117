namespace PodIdentity.TestSupport;

/// <summary>Keeps the developer's AWS setup out of a test: no profile, no ~/.aws files, no EC2 metadata service.</summary>
public static class IsolatedAws
{
    /// <summary>Environment entries (null removes the variable) whose config and credentials files do not exist in <paramref name="folder"/>.</summary>
    public static Dictionary<string, string?> Environment(string folder) => new(StringComparer.Ordinal)
    {
        ["AWS_PROFILE"] = null,
        ["AWS_CONFIG_FILE"] = Path.Combine(folder, "no-aws-config"),
        ["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(folder, "no-aws-credentials"),
        ["AWS_EC2_METADATA_DISABLED"] = "true",
    };
}
