using PodIdentity.Emulator.State;

namespace PodIdentity.Emulator.Oidc;

/// <summary>A cluster's OIDC issuer and the IAM OIDC provider ARN that trust policies name it by.</summary>
internal static class ClusterIdentity
{
    public static string IssuerId(Cluster c) => c.Id.Replace("-", "", StringComparison.Ordinal).ToUpperInvariant();

    public static string Issuer(Cluster c) => $"https://oidc.eks.{c.Region}.amazonaws.com/id/{IssuerId(c)}";

    /// <summary>The issuer without its scheme: the provider's name in ARNs and the prefix of its condition keys.</summary>
    public static string ProviderName(string issuer) =>
        issuer.StartsWith("https://", StringComparison.Ordinal) ? issuer["https://".Length..] : issuer;

    public static string ProviderArn(string account, string issuer) =>
        $"arn:aws:iam::{account}:oidc-provider/{ProviderName(issuer)}";
}
