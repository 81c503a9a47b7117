using System.Globalization;

namespace PodIdentity.Provider.Checks;

/// <summary>
/// Which clusters can run EKS Pod Identity. The EKS User Guide ("EKS Pod Identity cluster versions",
/// https://docs.aws.amazon.com/eks/latest/userguide/pod-identities.html#pod-id-cluster-versions) says: Kubernetes 1.24
/// or later, and for 1.24 to 1.28 at least the platform version in its table (1.24 eks.13, 1.25 eks.10, 1.26 eks.9,
/// 1.27 eks.8, 1.28 eks.4); every later Kubernetes version supports it on all platform versions.
/// </summary>
internal static class ClusterSupport
{
    public const int MinimumMinor = 24;

    private static readonly Dictionary<int, int> MinimumPlatform = new() { [24] = 13, [25] = 10, [26] = 9, [27] = 8, [28] = 4 };

    /// <summary>Why the cluster cannot run Pod Identity, or null when it can (or its versions cannot be read).</summary>
    public static string? Problem(string? kubernetesVersion, string? platformVersion)
    {
        if (!TryMinor(kubernetesVersion, out var minor))
        {
            return null;
        }

        if (minor < MinimumMinor)
        {
            return $"runs Kubernetes {kubernetesVersion}; EKS Pod Identity needs Kubernetes 1.{MinimumMinor} or later. Upgrade the cluster "
                + "before relying on this association (until then pods get no credentials from it), or use IAM roles for service accounts.";
        }

        if (MinimumPlatform.TryGetValue(minor, out var needed) && TryPlatform(platformVersion, out var platform) && platform < needed)
        {
            return $"runs Kubernetes {kubernetesVersion} on platform version {platformVersion}; EKS Pod Identity needs eks.{needed} or later "
                + "on this Kubernetes version. EKS moves clusters to newer platform versions on its own; upgrading the Kubernetes version "
                + "also fixes it.";
        }

        return null;
    }

    private static bool TryMinor(string? version, out int minor)
    {
        minor = 0;
        var parts = version?.Split('.');
        return parts is { Length: >= 2 } && parts[0] == "1" && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out minor);
    }

    private static bool TryPlatform(string? platform, out int number)
    {
        number = 0;
        return platform is not null && platform.StartsWith("eks.", StringComparison.Ordinal)
            && int.TryParse(platform.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out number);
    }
}
