using System.Text.Json;
using Xunit;

namespace PodIdentity.Aws.Clients.Tests;

/// <summary>STS and IAM (query protocol) requests and responses, checked against the SDK models on disk.</summary>
public sealed class QueryClientTests
{
    private static JsonElement Operation(string file, string name) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(TestPaths.ModelsDir, file))).RootElement.GetProperty("operations").GetProperty(name);

    /// <summary>Each form key's first segment is an input member; list members use the <c>.member.N</c> form.</summary>
    private static void AssertFormMatchesModel(RecordedRequest request, string file, string operation, string version)
    {
        var op = Operation(file, operation);
        var input = op.GetProperty("input");
        var members = input.GetProperty("members");
        var form = request.FormValues();
        Assert.Equal(operation, form["Action"].Single());
        Assert.Equal(version, form["Version"].Single());
        foreach (var key in form.Keys.Where(k => k is not "Action" and not "Version"))
        {
            var parts = key.Split('.');
            Assert.True(members.TryGetProperty(parts[0], out _), $"{key} is not a member of {operation}");
            if (parts.Length > 1)
            {
                Assert.Equal("member", parts[1]);
                Assert.True(int.TryParse(parts[2], out var index) && index >= 1, key);
            }
        }

        foreach (var required in input.TryGetProperty("required", out var r) ? r.EnumerateArray().Select(x => x.GetString()!) : [])
        {
            Assert.Contains(form.Keys, k => k.Split('.')[0] == required);
        }

        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("/", request.Uri.AbsolutePath);
    }

    [Fact]
    public async Task Get_caller_identity()
    {
        const string xml = """
            <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/alice</Arn><UserId>AIDAEXAMPLE</UserId><Account>123456789012</Account></GetCallerIdentityResult>
              <ResponseMetadata><RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId></ResponseMetadata>
            </GetCallerIdentityResponse>
            """;
        using var rig = new TestRig(new FakeHttpHandler().Xml(xml, System.Net.HttpStatusCode.OK));
        var id = await rig.Clients.Sts.GetCallerIdentityAsync(default);
        Assert.Equal(new CallerIdentity("AIDAEXAMPLE", "123456789012", "arn:aws:iam::123456789012:user/alice"), id);
        AssertFormMatchesModel(rig.Last, "sts-2011-06-15.min.json", "GetCallerIdentity", "2011-06-15");
        Assert.Equal("https://sts.us-east-1.amazonaws.com/", rig.Last.Uri.ToString());
        Assert.Equal(2, rig.Last.FormValues().Count);
    }

    [Fact]
    public async Task Assume_role_request_and_response_follow_the_model()
    {
        const string xml = """
            <AssumeRoleResponse><AssumeRoleResult>
              <Credentials><AccessKeyId>ASIA1</AccessKeyId><SecretAccessKey>sk</SecretAccessKey><SessionToken>st</SessionToken><Expiration>2030-01-02T03:04:05Z</Expiration></Credentials>
              <AssumedRoleUser><AssumedRoleId>AROA1:s</AssumedRoleId><Arn>arn:aws:sts::1:assumed-role/r/s</Arn></AssumedRoleUser>
              <PackedPolicySize>12</PackedPolicySize>
            </AssumeRoleResult></AssumeRoleResponse>
            """;
        using var rig = new TestRig(new FakeHttpHandler().Xml(xml));
        var result = await rig.Clients.Sts.AssumeRoleAsync(new("arn:aws:iam::1:role/r", "s")
        {
            ExternalId = "e",
            DurationSeconds = 900,
            Policy = "{}",
            Tags = new Dictionary<string, string> { ["a"] = "1" },
            TransitiveTagKeys = ["a"],
        }, default);
        AssertFormMatchesModel(rig.Last, "sts-2011-06-15.min.json", "AssumeRole", "2011-06-15");
        Assert.Equal("ASIA1", result.Credentials.AccessKeyId);
        Assert.Equal(new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero), result.Credentials.Expiration);
        Assert.Equal("arn:aws:sts::1:assumed-role/r/s", result.AssumedRoleArn);
        Assert.Equal(12, result.PackedPolicySize);
    }

    [Fact]
    public async Task Assume_role_with_web_identity_follows_the_model()
    {
        const string xml = """
            <AssumeRoleWithWebIdentityResponse><AssumeRoleWithWebIdentityResult>
              <Credentials><AccessKeyId>ASIA2</AccessKeyId><SecretAccessKey>sk</SecretAccessKey><SessionToken>st</SessionToken><Expiration>2030-01-02T03:04:05Z</Expiration></Credentials>
            </AssumeRoleWithWebIdentityResult></AssumeRoleWithWebIdentityResponse>
            """;
        using var rig = new TestRig(new FakeHttpHandler().Xml(xml));
        var result = await rig.Clients.Sts.AssumeRoleWithWebIdentityAsync(new("arn:aws:iam::1:role/r", "s", "jwt") { DurationSeconds = 3600 }, default);
        AssertFormMatchesModel(rig.Last, "sts-2011-06-15.min.json", "AssumeRoleWithWebIdentity", "2011-06-15");
        Assert.Equal("ASIA2", result.Credentials.AccessKeyId);
        Assert.Equal("", rig.Last.Header("Authorization"));
    }

    [Fact]
    public async Task Incomplete_credentials_in_a_response_are_an_error()
    {
        using var rig = new TestRig(new FakeHttpHandler().Xml("<AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>A</AccessKeyId></Credentials></AssumeRoleResult></AssumeRoleResponse>"));
        var e = await Assert.ThrowsAsync<AwsApiException>(() => rig.Clients.Sts.AssumeRoleAsync(new("arn:r", "s"), default));
        Assert.Equal("InvalidResponse", e.ErrorCode);
    }

    [Fact]
    public async Task Get_role_uses_the_global_endpoint_and_decodes_the_trust_policy()
    {
        const string xml = """
            <GetRoleResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
              <GetRoleResult><Role>
                <Path>/</Path><RoleName>app</RoleName><RoleId>AROAEXAMPLE</RoleId><Arn>arn:aws:iam::1:role/app</Arn>
                <CreateDate>2024-01-02T03:04:05Z</CreateDate>
                <AssumeRolePolicyDocument>%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%5D%7D</AssumeRolePolicyDocument>
                <MaxSessionDuration>3600</MaxSessionDuration>
                <Tags><member><Key>env</Key><Value>dev</Value></member></Tags>
              </Role></GetRoleResult>
            </GetRoleResponse>
            """;
        var config = new AwsProviderConfig { Region = "eu-west-1", AccessKey = "AKID", SecretKey = "s" };
        using var rig = new TestRig(new FakeHttpHandler().Xml(xml), config);
        var role = await rig.Clients.Iam.GetRoleAsync("app", default);
        AssertFormMatchesModel(rig.Last, "iam-2010-05-08.min.json", "GetRole", "2010-05-08");
        Assert.Equal("https://iam.amazonaws.com/", rig.Last.Uri.ToString());
        Assert.Contains("/us-east-1/iam/aws4_request", rig.Last.Header("Authorization"));
        Assert.Equal("""{"Version":"2012-10-17","Statement":[]}""", role.AssumeRolePolicyDocument);
        Assert.Equal("arn:aws:iam::1:role/app", role.Arn);
        Assert.Equal(3600, role.MaxSessionDuration);
        Assert.Equal(new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero), role.CreateDate);
        Assert.Equal("dev", role.Tags!["env"]);
    }
}
