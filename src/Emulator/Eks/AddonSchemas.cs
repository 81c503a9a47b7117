namespace PodIdentity.Emulator.Eks;

/// <summary>
/// Configuration schemas (JSON Schema, the subset <see cref="AddonConfigValidator"/> understands), shaped like
/// the ones EKS publishes: a closed top-level object so unknown keys are rejected.
/// </summary>
internal static class AddonSchemas
{
    private const string Resources =
        """{"type":"object","additionalProperties":false,"properties":{"limits":{"type":"object","properties":{"cpu":{"type":"string"},"memory":{"type":"string"}}},"requests":{"type":"object","properties":{"cpu":{"type":"string"},"memory":{"type":"string"}}}}}""";
    private const string Tolerations = """{"type":"array","items":{"type":"object"}}""";
    private const string StringMap = """{"type":"object","additionalProperties":{"type":"string"}}""";

    // Shared fragments are spliced in by name so the schemas stay readable one-liners.
    private static string Expand(string schema) =>
        schema.Replace("@MAP", StringMap, StringComparison.Ordinal)
            .Replace("@RES", Resources, StringComparison.Ordinal)
            .Replace("@TOL", Tolerations, StringComparison.Ordinal);

    public static readonly string PodIdentityAgent = Expand(
        """{"$schema":"http://json-schema.org/draft-07/schema#","type":"object","additionalProperties":false,"properties":{"affinity":{"type":["object","null"]},"agent":{"type":"object","additionalProperties":false,"properties":{"additionalArgs":@MAP}},"nodeSelector":@MAP,"podAnnotations":@MAP,"podLabels":@MAP,"priorityClassName":{"type":"string"},"resources":@RES,"tolerations":@TOL,"updateStrategy":{"type":"object"}}}""");

    public static readonly string VpcCni = Expand(
        """{"$schema":"http://json-schema.org/draft-07/schema#","type":"object","additionalProperties":false,"properties":{"affinity":{"type":["object","null"]},"enableNetworkPolicy":{"type":"string","enum":["true","false"]},"enableWindowsIpam":{"type":"string","enum":["true","false"]},"env":@MAP,"init":{"type":"object","properties":{"env":@MAP}},"nodeAgent":{"type":"object"},"podAnnotations":@MAP,"podLabels":@MAP,"resources":@RES,"tolerations":@TOL}}""");

    public static readonly string CoreDns = Expand(
        """{"$schema":"http://json-schema.org/draft-07/schema#","type":"object","additionalProperties":false,"properties":{"affinity":{"type":["object","null"]},"autoScaling":{"type":"object","properties":{"enabled":{"type":"boolean"},"minReplicas":{"type":"integer"},"maxReplicas":{"type":"integer"}}},"corefile":{"type":"string"},"nodeSelector":@MAP,"podAnnotations":@MAP,"podLabels":@MAP,"replicaCount":{"type":"integer"},"resources":@RES,"tolerations":@TOL}}""");

    public static readonly string KubeProxy = Expand(
        """{"$schema":"http://json-schema.org/draft-07/schema#","type":"object","additionalProperties":false,"properties":{"ipvs":{"type":"object","properties":{"scheduler":{"type":"string"}}},"mode":{"type":"string","enum":["iptables","ipvs","nftables"]},"podAnnotations":@MAP,"podLabels":@MAP,"resources":@RES}}""");

    public static readonly string EbsCsiDriver = Expand(
        """{"$schema":"http://json-schema.org/draft-07/schema#","type":"object","additionalProperties":false,"properties":{"controller":{"type":"object","properties":{"extraVolumeTags":@MAP,"replicaCount":{"type":"integer"},"resources":@RES,"tolerations":@TOL}},"defaultStorageClass":{"type":"object","properties":{"enabled":{"type":"boolean"}}},"node":{"type":"object","properties":{"tolerateAllTaints":{"type":"boolean"},"tolerations":@TOL}},"sidecars":{"type":"object"}}}""");
}
