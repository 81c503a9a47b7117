namespace PodIdentity.Emulator.Eks;

/// <summary>EKS and IAM ARN formats, and parsing of the ARNs EKS accepts.</summary>
internal static class EksArns
{
    public static string Cluster(string region, string account, string name) =>
        $"arn:aws:eks:{region}:{account}:cluster/{name}";

    public static string Association(string region, string account, string cluster, string id) =>
        $"arn:aws:eks:{region}:{account}:podidentityassociation/{cluster}/{id}";

    public static string Addon(string region, string account, string cluster, string addon, string uuid) =>
        $"arn:aws:eks:{region}:{account}:addon/{cluster}/{addon}/{uuid}";

    /// <summary>Splits arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE; null when it is not an ARN.</summary>
    public static (string Service, string Region, string Account, string Resource)? Parse(string arn)
    {
        var parts = arn.Split(':', 6);
        if (parts.Length != 6 || parts[0] != "arn" || parts[1] != "aws" || parts[2].Length == 0)
        {
            return null;
        }
        return (parts[2], parts[3], parts[4], parts[5]);
    }

    /// <summary>An IAM role ARN's account and role name (path dropped); null when it is not one.</summary>
    public static (string Account, string RoleName)? ParseRole(string arn)
    {
        if (Parse(arn) is not ("iam", "", var account, var resource) || !resource.StartsWith("role/", StringComparison.Ordinal)
            || account.Length != 12 || !account.All(char.IsAsciiDigit))
        {
            return null;
        }
        var name = resource[(resource.LastIndexOf('/') + 1)..];
        return name.Length == 0 ? null : (account, name);
    }
}
