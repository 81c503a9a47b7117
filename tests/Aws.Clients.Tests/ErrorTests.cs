using System.Net;
using Xunit;

namespace PodIdentity.Aws.Clients.Tests;

public sealed class ErrorTests
{
    [Theory]
    [InlineData("aws.protocoltests.restjson#FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/", "FooError")]
    [InlineData("FooError:http://internal.amazon.com/", "FooError")]
    [InlineData("com.amazonaws.eks#ResourceNotFoundException", "ResourceNotFoundException")]
    [InlineData("ResourceNotFoundException", "ResourceNotFoundException")]
    [InlineData("  ", null)]
    public void Codes_are_stripped_of_namespace_and_suffix(string raw, string? expected) =>
        Assert.Equal(expected, ErrorParser.SanitizeCode(raw));

    [Fact]
    public async Task Header_error_type_wins_over_the_body()
    {
        using var rig = new TestRig(new FakeHttpHandler().Json("""{"__type":"BodyCode","message":"from body"}""", HttpStatusCode.NotFound,
            ("x-amzn-ErrorType", "ResourceNotFoundException:http://internal.amazon.com/"), ("x-amzn-RequestId", "req-1")));
        var e = await Assert.ThrowsAsync<AwsApiException>(() => rig.Clients.Eks.DescribeClusterAsync("c", default));
        Assert.Equal("ResourceNotFoundException", e.ErrorCode);
        Assert.Equal("from body", e.ErrorMessage);
        Assert.Equal("req-1", e.RequestId);
        Assert.Equal(404, e.HttpStatus);
        Assert.Equal("EKS", e.Service);
        Assert.Equal("DescribeCluster", e.Operation);
        Assert.True(e.IsNotFound);
        Assert.False(e.IsThrottling);
        Assert.Contains("req-1", e.Message);
        Assert.Single(rig.Handler.Requests); // a 404 is not retried
    }

    [Theory]
    [InlineData("""{"__type":"com.amazonaws.eks#InvalidParameterException","message":"bad"}""", "InvalidParameterException", "bad")]
    [InlineData("""{"code":"InvalidRequestException","Message":"also bad"}""", "InvalidRequestException", "also bad")]
    [InlineData("not json", "BadRequest", null)]
    public async Task Body_error_type_is_used_without_a_header(string body, string code, string? message)
    {
        using var rig = new TestRig(new FakeHttpHandler().Json(body, HttpStatusCode.BadRequest, ("x-amz-request-id", "req-2")));
        var e = await Assert.ThrowsAsync<AwsApiException>(() => rig.Clients.Eks.DescribeClusterAsync("c", default));
        Assert.Equal(code, e.ErrorCode);
        Assert.Equal(message, e.ErrorMessage);
        Assert.Equal("req-2", e.RequestId);
    }

    [Fact]
    public async Task Query_protocol_errors_come_from_the_xml()
    {
        const string xml = """
            <ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
              <Error><Type>Sender</Type><Code>NoSuchEntity</Code><Message>The role with name r cannot be found.</Message></Error>
              <RequestId>4d8c1b0e-0000-1111-2222-333344445555</RequestId>
            </ErrorResponse>
            """;
        using var rig = new TestRig(new FakeHttpHandler().Xml(xml, HttpStatusCode.NotFound));
        var e = await Assert.ThrowsAsync<AwsApiException>(() => rig.Clients.Iam.GetRoleAsync("r", default));
        Assert.Equal("NoSuchEntity", e.ErrorCode);
        Assert.Equal("The role with name r cannot be found.", e.ErrorMessage);
        Assert.Equal("4d8c1b0e-0000-1111-2222-333344445555", e.RequestId);
        Assert.Equal("IAM", e.Service);
        Assert.True(e.IsNotFound);
    }

    [Fact]
    public async Task Throttling_codes_are_recognised_after_retries_run_out()
    {
        var config = new AwsProviderConfig { Region = "us-east-1", AccessKey = "AKID", SecretKey = "s", MaxRetries = 0 };
        using var rig = new TestRig(new FakeHttpHandler().Xml("<ErrorResponse><Error><Code>Throttling</Code><Message>Rate exceeded</Message></Error></ErrorResponse>",
            HttpStatusCode.BadRequest), config);
        var e = await Assert.ThrowsAsync<AwsApiException>(() => rig.Clients.Sts.GetCallerIdentityAsync(default));
        Assert.True(e.IsThrottling);
        Assert.Equal("Throttling", e.ErrorCode);
    }
}
