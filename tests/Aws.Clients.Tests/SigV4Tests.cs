using System.Security.Cryptography;
using System.Text;
using Xunit;

namespace PodIdentity.Aws.Clients.Tests;

public sealed class SigV4Tests
{
    // The public AWS SigV4 test suite (aws-sig-v4-test-suite) credentials and instant.
    private static readonly AwsCredentialSet SuiteCredentials =
        new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", null, null, "test");

    private static readonly DateTime SuiteTime = new(2015, 8, 30, 12, 36, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("GET", "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")] // get-vanilla
    [InlineData("POST", "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b")] // post-vanilla
    public void Matches_the_published_test_suite_vectors(string method, string signature)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), "https://example.amazonaws.com/");
        SigV4Signer.Sign(request, [], SuiteCredentials, "us-east-1", "service", SuiteTime);

        Assert.Equal("20150830T123600Z", request.Headers.GetValues("X-Amz-Date").Single());
        Assert.Equal(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=" + signature,
            request.Headers.GetValues("Authorization").Single());
    }

    [Fact]
    public void Session_token_is_sent_and_signed()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://example.amazonaws.com/");
        SigV4Signer.Sign(request, [], SuiteCredentials with { SessionToken = "tok" }, "us-east-1", "service", SuiteTime);
        Assert.Equal("tok", request.Headers.GetValues("X-Amz-Security-Token").Single());
        Assert.Contains("SignedHeaders=host;x-amz-date;x-amz-security-token,", request.Headers.GetValues("Authorization").Single());
    }

    [Fact]
    public void Non_S3_paths_are_encoded_twice_and_queries_sorted()
    {
        var uri = new Uri("https://eks.us-east-1.amazonaws.com/tags/arn%3Aaws%3Aeks%3Aus-east-1%3A1%3Acluster%2Fc?b=2&a=x%20y&a=1");
        Assert.Equal("/tags/arn%253Aaws%253Aeks%253Aus-east-1%253A1%253Acluster%252Fc", SigV4Signer.CanonicalPath(uri));
        Assert.Equal("a=1&a=x%20y&b=2", SigV4Signer.CanonicalQuery(uri));
    }

    /// <summary>
    /// Recomputes the signature of a real client request from what went on the wire, with an independent
    /// implementation of the algorithm, so the sent headers, body and signature agree.
    /// </summary>
    [Fact]
    public async Task Signature_on_the_wire_verifies_independently()
    {
        var time = new StepClock(new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero));
        using var rig = new TestRig(new FakeHttpHandler().Json("""{"tags":{}}"""), time: time);
        await rig.Clients.Eks.TagResourceAsync("arn:aws:eks:us-east-1:1:cluster/c", new Dictionary<string, string> { ["a b"] = "c" }, default);

        var r = rig.Last;
        var auth = r.Header("Authorization");
        var signedHeaders = auth.Split("SignedHeaders=")[1].Split(',')[0].Split(';');
        Assert.Equal(["content-type", "host", "x-amz-date"], signedHeaders);

        var canonical = new StringBuilder()
            .Append("POST\n")
            .Append(string.Join('/', r.Uri.AbsolutePath.Split('/').Select(s => Uri.EscapeDataString(s)))).Append('\n')
            .Append('\n');
        foreach (var h in signedHeaders)
        {
            canonical.Append(h).Append(':').Append(h == "host" ? r.Uri.Host : r.Header(h)).Append('\n');
        }

        canonical.Append('\n').Append(string.Join(';', signedHeaders)).Append('\n')
            .Append(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(r.Body))));

        var scope = "20240506/us-east-1/eks/aws4_request";
        var stringToSign = $"AWS4-HMAC-SHA256\n20240506T070809Z\n{scope}\n{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())))}";
        var key = Encoding.UTF8.GetBytes("AWS4" + TestRig.SecretKey);
        foreach (var part in new[] { "20240506", "us-east-1", "eks", "aws4_request" })
        {
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        }

        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
        Assert.Equal($"AWS4-HMAC-SHA256 Credential={TestRig.AccessKey}/{scope}, SignedHeaders=content-type;host;x-amz-date, Signature={expected}", auth);
    }
}
