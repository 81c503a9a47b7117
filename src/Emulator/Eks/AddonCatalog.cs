namespace PodIdentity.Emulator.Eks;

/// <summary>One add-on version and the Kubernetes versions it runs on (and is the default for).</summary>
internal sealed record AddonVersion(string Version, IReadOnlyList<string> ClusterVersions, IReadOnlyList<string> DefaultFor);

/// <summary>An add-on EKS offers: its versions (newest first), namespace, pod identity needs and config schema.</summary>
internal sealed record AddonDefinition(
    string Name,
    string Type,
    string DefaultNamespace,
    string? PodIdentityServiceAccount,
    IReadOnlyList<string> RecommendedPolicies,
    IReadOnlyList<AddonVersion> Versions,
    string ConfigurationSchema)
{
    public AddonVersion? Find(string version) => Versions.FirstOrDefault(v => v.Version == version);

    public AddonVersion? DefaultFor(string kubernetesVersion) =>
        Versions.FirstOrDefault(v => v.DefaultFor.Contains(kubernetesVersion));
}

/// <summary>The add-ons and versions the emulator knows, modelled on what EKS lists for 1.29-1.34.</summary>
internal static class AddonCatalog
{
    public static readonly IReadOnlyList<string> KubernetesVersions = ["1.29", "1.30", "1.31", "1.32", "1.33", "1.34"];
    public const string LatestKubernetesVersion = "1.34";

    private static readonly string[] All = [.. KubernetesVersions];
    private static readonly string[] Upto132 = ["1.29", "1.30", "1.31", "1.32"];
    private static readonly string[] From133 = ["1.33", "1.34"];

    public static readonly IReadOnlyList<AddonDefinition> Addons =
    [
        new("eks-pod-identity-agent", "security", "kube-system", null, [],
        [
            new("v1.3.11-eksbuild.1", All, []),
            new("v1.3.10-eksbuild.2", All, All),
            new("v1.3.8-eksbuild.2", All, []),
            new("v1.3.4-eksbuild.1", Upto132, []),
        ], AddonSchemas.PodIdentityAgent),
        new("vpc-cni", "networking", "kube-system", "aws-node", ["arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy"],
        [
            new("v1.21.1-eksbuild.1", All, []),
            new("v1.20.4-eksbuild.2", All, All),
            new("v1.19.6-eksbuild.7", Upto132, []),
        ], AddonSchemas.VpcCni),
        new("coredns", "networking", "kube-system", null, [],
        [
            new("v1.12.4-eksbuild.1", From133, From133),
            new("v1.11.4-eksbuild.2", Upto132, Upto132),
        ], AddonSchemas.CoreDns),
        new("kube-proxy", "networking", "kube-system", null, [],
        [
            new("v1.34.1-eksbuild.2", ["1.34"], ["1.34"]),
            new("v1.33.5-eksbuild.2", ["1.33"], ["1.33"]),
            new("v1.32.9-eksbuild.2", ["1.32"], ["1.32"]),
            new("v1.31.13-eksbuild.2", ["1.31"], ["1.31"]),
            new("v1.30.14-eksbuild.8", ["1.30"], ["1.30"]),
            new("v1.29.15-eksbuild.16", ["1.29"], ["1.29"]),
        ], AddonSchemas.KubeProxy),
        new("aws-ebs-csi-driver", "storage", "kube-system", "ebs-csi-controller-sa",
            ["arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy"],
        [
            new("v1.50.1-eksbuild.1", All, []),
            new("v1.48.0-eksbuild.2", All, All),
        ], AddonSchemas.EbsCsiDriver),
    ];

    public static AddonDefinition? Find(string name) => Addons.FirstOrDefault(a => a.Name == name);
}
