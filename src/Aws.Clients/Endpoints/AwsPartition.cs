namespace PodIdentity.Aws.Clients;

/// <summary>An AWS partition: its DNS suffix and where its global IAM endpoint lives and is signed.</summary>
public sealed record AwsPartition(string Id, string DnsSuffix, string IamHost, string GlobalSigningRegion)
{
    public static readonly AwsPartition Aws = new("aws", "amazonaws.com", "iam.amazonaws.com", "us-east-1");
    public static readonly AwsPartition China = new("aws-cn", "amazonaws.com.cn", "iam.cn-north-1.amazonaws.com.cn", "cn-north-1");
    public static readonly AwsPartition GovCloud = new("aws-us-gov", "amazonaws.com", "iam.us-gov.amazonaws.com", "us-gov-west-1");

    public static AwsPartition ForRegion(string region) =>
        region.StartsWith("cn-", StringComparison.Ordinal) ? China
        : region.StartsWith("us-gov-", StringComparison.Ordinal) ? GovCloud
        : Aws;
}
