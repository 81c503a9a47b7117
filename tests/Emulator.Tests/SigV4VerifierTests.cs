using System.Text;
using PodIdentity.Emulator.Auth;

namespace PodIdentity.Emulator.Tests;

public sealed class SigV4VerifierTests
{
    private const string Secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static readonly DateTimeOffset SignedAt = new(2015, 8, 30, 12, 36, 0, TimeSpan.Zero);

    // AWS SigV4 test suite, "get-vanilla": the published signature for GET / on example.amazonaws.com.
    private const string VanillaAuthorization =
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31";

    private static SignedRequest Vanilla(string authorization = VanillaAuthorization, string date = "20150830T123600Z",
        string body = "") =>
        new("GET", "/", "", new Dictionary<string, string>
        {
            ["host"] = "example.amazonaws.com",
            ["x-amz-date"] = date,
            ["authorization"] = authorization,
        }, Encoding.UTF8.GetBytes(body));

    private static SigningSecret? Lookup(string key) => key == "AKIDEXAMPLE" ? new SigningSecret(Secret, null, null) : null;

    [Fact]
    public void AcceptsTheGetVanillaExampleFromTheAwsTestSuite()
    {
        var verified = SigV4Verifier.Verify(Vanilla(), Lookup, SignedAt.AddMinutes(1));
        Assert.Equal(("AKIDEXAMPLE", "us-east-1", "service"), (verified.AccessKeyId, verified.Region, verified.Service));
    }

    [Fact]
    public void AcceptsASignatureMadeByTheJavaScriptSdkSigner()
    {
        // @smithy/signature-v4 5.7.5 output for get-vanilla; it also signs x-amz-content-sha256.
        var request = new SignedRequest("GET", "/", "", new Dictionary<string, string>
        {
            ["host"] = "example.amazonaws.com",
            ["x-amz-date"] = "20150830T123600Z",
            ["x-amz-content-sha256"] = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            ["authorization"] = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=726c5c4879a6b4ccbbd3b24edbd6b8826d34f87450fbbf4e85546fc7ba9c1642",
        }, Array.Empty<byte>());
        SigV4Verifier.Verify(request, Lookup, SignedAt);
    }

    [Fact]
    public void TestSignerReproducesTheGetVanillaSignature()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://example.amazonaws.com/");
        TestSigner.Sign(request, [], "AKIDEXAMPLE", Secret, "us-east-1", "service", SignedAt);
        Assert.Equal(VanillaAuthorization, request.Headers.GetValues("Authorization").Single());
    }

    [Fact]
    public void RejectsAWrongSecret()
    {
        var e = Assert.Throws<AuthFailure>(() =>
            SigV4Verifier.Verify(Vanilla(), _ => new SigningSecret("not-the-secret", null, null), SignedAt));
        Assert.Equal(AuthFailureKind.SignatureMismatch, e.Kind);
    }

    [Fact]
    public void RejectsATamperedRequest()
    {
        var tampered = Vanilla() with { RawQuery = "extra=1" };
        Assert.Equal(AuthFailureKind.SignatureMismatch,
            Assert.Throws<AuthFailure>(() => SigV4Verifier.Verify(tampered, Lookup, SignedAt)).Kind);
    }

    [Fact]
    public void RejectsAnUnknownAccessKey()
    {
        var e = Assert.Throws<AuthFailure>(() => SigV4Verifier.Verify(Vanilla(), _ => null, SignedAt));
        Assert.Equal(AuthFailureKind.UnknownAccessKey, e.Kind);
    }

    [Theory]
    [InlineData(-16)]
    [InlineData(16)]
    public void RejectsARequestMoreThanFifteenMinutesOff(int minutes)
    {
        var e = Assert.Throws<AuthFailure>(() => SigV4Verifier.Verify(Vanilla(), Lookup, SignedAt.AddMinutes(-minutes)));
        Assert.Equal(AuthFailureKind.SignatureExpired, e.Kind);
    }

    [Fact]
    public void AcceptsFourteenMinutesOfSkew() => SigV4Verifier.Verify(Vanilla(), Lookup, SignedAt.AddMinutes(14));

    [Fact]
    public void MissingAuthorizationIsMissingToken()
    {
        var request = Vanilla() with { Headers = new Dictionary<string, string> { ["host"] = "example.amazonaws.com" } };
        Assert.Equal(AuthFailureKind.MissingToken,
            Assert.Throws<AuthFailure>(() => SigV4Verifier.Verify(request, Lookup, SignedAt)).Kind);
    }

    [Fact]
    public void SessionCredentialsNeedTheirToken()
    {
        SigningSecret? Session(string _) => new(Secret, "token-1", SignedAt.AddHours(1));
        Assert.Equal(AuthFailureKind.InvalidSecurityToken,
            Assert.Throws<AuthFailure>(() => SigV4Verifier.Verify(Vanilla(), Session, SignedAt)).Kind);
    }

    [Fact]
    public void ExpiredSessionCredentialsAreRejected()
    {
        var request = Vanilla();
        var headers = new Dictionary<string, string>(request.Headers) { ["x-amz-security-token"] = "token-1" };
        SigningSecret? Session(string _) => new(Secret, "token-1", SignedAt.AddMinutes(-1));
        Assert.Equal(AuthFailureKind.ExpiredSecurityToken,
            Assert.Throws<AuthFailure>(() => SigV4Verifier.Verify(request with { Headers = headers }, Session, SignedAt)).Kind);
    }

    [Fact]
    public void DeclaredPayloadHashMustMatchTheBody()
    {
        var request = Vanilla(body: "{}");
        var headers = new Dictionary<string, string>(request.Headers) { ["x-amz-content-sha256"] = new string('0', 64) };
        Assert.Equal(AuthFailureKind.SignatureMismatch,
            Assert.Throws<AuthFailure>(() => SigV4Verifier.Verify(request with { Headers = headers }, Lookup, SignedAt)).Kind);
    }

    [Theory]
    [InlineData("/tags/arn%3Aaws%3Aeks%3Aus-west-2%3A1%3Acluster%2Fdemo", "/tags/arn%253Aaws%253Aeks%253Aus-west-2%253A1%253Acluster%252Fdemo")]
    [InlineData("/clusters//demo/./x/../addons", "/clusters/demo/addons")]
    [InlineData("", "/")]
    [InlineData("/a b/", "/a%20b/")]
    public void CanonicalPathIsNormalisedAndEncodedAgain(string raw, string expected) =>
        Assert.Equal(expected, SigV4Canonical.CanonicalPath(raw));

    [Fact]
    public void CanonicalQueryIsSortedAndReEncoded() =>
        Assert.Equal("a=1&tagKeys=a%2Fb&tagKeys=z&x=%20",
            SigV4Canonical.CanonicalQuery("tagKeys=z&x=%20&tagKeys=a%2Fb&a=1"));
}
