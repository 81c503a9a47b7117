using Xunit;

namespace PodIdentity.Aws.Clients.Tests;

public sealed class EndpointTests
{
    [Theory]
    [InlineData(AwsService.Eks, "us-west-2", "https://eks.us-west-2.amazonaws.com/", "us-west-2")]
    [InlineData(AwsService.Sts, "us-west-2", "https://sts.us-west-2.amazonaws.com/", "us-west-2")]
    [InlineData(AwsService.Iam, "us-west-2", "https://iam.amazonaws.com/", "us-east-1")]
    [InlineData(AwsService.Eks, "cn-north-1", "https://eks.cn-north-1.amazonaws.com.cn/", "cn-north-1")]
    [InlineData(AwsService.Sts, "cn-northwest-1", "https://sts.cn-northwest-1.amazonaws.com.cn/", "cn-northwest-1")]
    [InlineData(AwsService.Iam, "cn-northwest-1", "https://iam.cn-north-1.amazonaws.com.cn/", "cn-north-1")]
    [InlineData(AwsService.Eks, "us-gov-east-1", "https://eks.us-gov-east-1.amazonaws.com/", "us-gov-east-1")]
    [InlineData(AwsService.Iam, "us-gov-east-1", "https://iam.us-gov.amazonaws.com/", "us-gov-west-1")]
    public void Partition_defaults(AwsService service, string region, string url, string signingRegion)
    {
        var e = AwsEndpointResolver.Resolve(service, region, null);
        Assert.Equal(url, e.BaseUri.ToString());
        Assert.Equal(signingRegion, e.SigningRegion);
        Assert.Equal(service.ToString().ToLowerInvariant(), e.SigningName);
    }

    [Fact]
    public void Order_is_block_then_service_env_then_global_env_then_default()
    {
        var env = new Dictionary<string, string>
        {
            ["AWS_ENDPOINT_URL"] = "http://global:1",
            ["AWS_ENDPOINT_URL_EKS"] = "http://eks-env:2",
            ["HOME"] = "/nonexistent",
        };
        var config = new AwsProviderConfig { Region = "eu-west-1", Endpoints = new() { Iam = "http://iam-block:3" } };
        var resolved = AwsConfigResolver.Resolve(config, env);

        Assert.Equal("http://eks-env:2/", AwsEndpointResolver.Resolve(AwsService.Eks, resolved).BaseUri.ToString());
        Assert.Equal("http://iam-block:3/", AwsEndpointResolver.Resolve(AwsService.Iam, resolved).BaseUri.ToString());
        Assert.Equal("http://global:1/", AwsEndpointResolver.Resolve(AwsService.Sts, resolved).BaseUri.ToString());

        var blockWins = AwsConfigResolver.Resolve(config with { Endpoints = new() { Eks = "http://eks-block:4" } }, env);
        Assert.Equal("http://eks-block:4/", AwsEndpointResolver.Resolve(AwsService.Eks, blockWins).BaseUri.ToString());

        var none = AwsConfigResolver.Resolve(config with { Endpoints = null }, new Dictionary<string, string> { ["HOME"] = "/nonexistent" });
        Assert.Equal("https://eks.eu-west-1.amazonaws.com/", AwsEndpointResolver.Resolve(AwsService.Eks, none).BaseUri.ToString());
    }

    [Fact]
    public void Custom_iam_endpoint_is_still_signed_in_the_global_region()
    {
        var e = AwsEndpointResolver.Resolve(AwsService.Iam, "eu-central-1", "http://127.0.0.1:4566");
        Assert.Equal("us-east-1", e.SigningRegion);
        Assert.Equal("http://127.0.0.1:4566/", e.BaseUri.ToString());
    }

    [Fact]
    public async Task Custom_endpoint_with_a_base_path_prefixes_requests()
    {
        var config = new AwsProviderConfig
        {
            Region = "us-east-1",
            AccessKey = "AKID",
            SecretKey = "s",
            Endpoints = new() { Eks = "http://127.0.0.1:4566/prefix/" },
        };
        using var rig = new TestRig(new FakeHttpHandler().Json("""{"cluster":{}}"""), config);
        await rig.Clients.Eks.DescribeClusterAsync("c", default);
        Assert.Equal("http://127.0.0.1:4566/prefix/clusters/c", rig.Last.Uri.ToString());
        Assert.Contains("/us-east-1/eks/aws4_request", rig.Last.Header("Authorization"));
    }
}
