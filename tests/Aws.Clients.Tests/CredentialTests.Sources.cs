using System.Net;
using System.Security.Cryptography;
using System.Text;
using Xunit;

namespace PodIdentity.Aws.Clients.Tests;

/// <summary>Every credential source the chain can pick besides static keys, each proven by the key that signs EKS.</summary>
public sealed partial class CredentialTests
{
    private static string ContainerJson(string accessKey) =>
        $$"""{"AccessKeyId":"{{accessKey}}","SecretAccessKey":"agent-secret","Token":"agent-token","AccountId":"111122223333","Expiration":"{{DateTimeOffset.UtcNow.AddHours(1):yyyy-MM-ddTHH:mm:ssZ}}"}""";

    /// <summary>Answers by host/path; everything else is the EKS cluster.</summary>
    private static FakeHttpHandler ByUrl(params (string Contains, Func<RecordedRequest, HttpResponseMessage> Answer)[] routes)
    {
        var handler = new FakeHttpHandler().Json(ClusterJson);
        foreach (var (contains, answer) in routes)
        {
            handler.When(r => r.Uri.ToString().Contains(contains, StringComparison.Ordinal), answer);
        }

        return handler;
    }

    [Fact]
    public async Task Profile_with_role_arn_and_source_profile_assumes_the_role_with_the_source_keys()
    {
        var cfg = WriteFile("config", """
            [profile base]
            aws_access_key_id = AKIDSOURCE
            aws_secret_access_key = source-secret

            [profile deploy]
            role_arn = arn:aws:iam::123456789012:role/deploy
            source_profile = base
            role_session_name = ci
            external_id = ext-1
            duration_seconds = 1800
            """);
        var handler = Routed(() => AssumeRoleXml("AssumeRole", "ASIACHAINED", DateTimeOffset.UtcNow.AddHours(1)));
        var config = Resolve(new() { Profile = "deploy", SharedConfigFiles = [cfg], SharedCredentialsFiles = [Path.Combine(_dir.FullName, "none")] });
        using var rig = new TestRig(handler, config);
        await rig.Clients.Eks.DescribeClusterAsync("c", default);

        var sts = handler.Requests[0];
        Assert.Equal("AKIDSOURCE", CredentialOf(sts));
        var form = sts.FormValues();
        Assert.Equal("AssumeRole", form["Action"].Single());
        Assert.Equal("arn:aws:iam::123456789012:role/deploy", form["RoleArn"].Single());
        Assert.Equal("ci", form["RoleSessionName"].Single());
        Assert.Equal("ext-1", form["ExternalId"].Single());
        Assert.Equal("1800", form["DurationSeconds"].Single());
        Assert.Equal("ASIACHAINED", CredentialOf(handler.Requests[1]));
        Assert.Equal("assume_role (arn:aws:iam::123456789012:role/deploy)", rig.Clients.CredentialSourceName);
    }

    [Fact]
    public async Task Role_chains_assume_each_role_in_turn_and_a_profile_may_source_itself()
    {
        var creds = WriteFile("credentials", "[self]\naws_access_key_id = AKIDSELF\naws_secret_access_key = self-secret\n");
        var cfg = WriteFile("config", """
            [profile self]
            role_arn = arn:aws:iam::1:role/first
            source_profile = self

            [profile second]
            role_arn = arn:aws:iam::1:role/second
            source_profile = self
            """);
        var calls = 0;
        var handler = Routed(() => AssumeRoleXml("AssumeRole", $"ASIAHOP{++calls}", DateTimeOffset.UtcNow.AddHours(1)));
        var config = Resolve(new() { Profile = "second", SharedConfigFiles = [cfg], SharedCredentialsFiles = [creds] });
        using var rig = new TestRig(handler, config);
        await rig.Clients.Eks.DescribeClusterAsync("c", default);

        Assert.Equal("arn:aws:iam::1:role/first", handler.Requests[0].FormValues()["RoleArn"].Single());
        Assert.Equal("AKIDSELF", CredentialOf(handler.Requests[0]));
        Assert.Equal("arn:aws:iam::1:role/second", handler.Requests[1].FormValues()["RoleArn"].Single());
        Assert.Equal("ASIAHOP1", CredentialOf(handler.Requests[1]));
        Assert.Equal("ASIAHOP2", CredentialOf(handler.Requests[2]));
    }

    [Fact]
    public async Task A_source_profile_loop_is_an_error_naming_the_profile()
    {
        var cfg = WriteFile("config", "[profile a]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = b\n[profile b]\nrole_arn = arn:aws:iam::1:role/b\nsource_profile = a\n");
        var config = Resolve(new() { Profile = "a", SharedConfigFiles = [cfg] });
        using var rig = new TestRig(new FakeHttpHandler().Json(ClusterJson), config);
        var e = await Assert.ThrowsAsync<AwsCredentialsException>(() => rig.Clients.Eks.DescribeClusterAsync("c", default));
        Assert.Contains("loops back to profile \"a\"", e.Message);
        Assert.Empty(rig.Handler.Requests);
    }

    [Fact]
    public async Task Credential_source_environment_assumes_the_role_with_the_environment_keys()
    {
        var cfg = WriteFile("config", "[profile ci]\nrole_arn = arn:aws:iam::1:role/ci\ncredential_source = Environment\n");
        var env = new Dictionary<string, string> { ["AWS_ACCESS_KEY_ID"] = "AKIDENV", ["AWS_SECRET_ACCESS_KEY"] = "env-secret" };
        var handler = Routed(() => AssumeRoleXml("AssumeRole", "ASIACI", DateTimeOffset.UtcNow.AddHours(1)));
        using var rig = new TestRig(handler, Resolve(new() { Profile = "ci", SharedConfigFiles = [cfg] }, env), env);
        await rig.Clients.Eks.DescribeClusterAsync("c", default);
        Assert.Equal("AKIDENV", CredentialOf(handler.Requests[0]));
        Assert.Equal("ASIACI", CredentialOf(handler.Requests[1]));
    }

    [Fact]
    public async Task Profile_with_web_identity_token_file_calls_sts_unsigned()
    {
        var token = WriteFile("token", "profile-jwt\n");
        var cfg = WriteFile("config", $"[profile web]\nrole_arn = arn:aws:iam::1:role/web\nweb_identity_token_file = {token}\nrole_session_name = w\n");
        var handler = Routed(() => AssumeRoleXml("AssumeRoleWithWebIdentity", "ASIAPROFWEB", DateTimeOffset.UtcNow.AddHours(1)));
        using var rig = new TestRig(handler, Resolve(new() { Profile = "web", SharedConfigFiles = [cfg] }));
        await rig.Clients.Eks.DescribeClusterAsync("c", default);
        Assert.Equal("", handler.Requests[0].Header("Authorization"));
        Assert.Equal("profile-jwt", handler.Requests[0].FormValues()["WebIdentityToken"].Single());
        Assert.Equal("w", handler.Requests[0].FormValues()["RoleSessionName"].Single());
        Assert.Equal("ASIAPROFWEB", CredentialOf(handler.Requests[1]));
    }

    [Fact]
    public async Task Sso_profile_exchanges_the_cached_token_at_the_portal()
    {
        var cfg = WriteFile("config", """
            [profile dev]
            sso_session = corp
            sso_account_id = 111122223333
            sso_role_name = Admin

            [sso-session corp]
            sso_start_url = https://corp.awsapps.com/start
            sso_region = eu-central-1
            """);
        var cache = Directory.CreateDirectory(Path.Combine(_dir.FullName, ".aws", "sso", "cache"));
        var cacheName = Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes("corp"))) + ".json";
        File.WriteAllText(Path.Combine(cache.FullName, cacheName),
            $$"""{"accessToken":"sso-bearer","expiresAt":"{{DateTimeOffset.UtcNow.AddHours(1):yyyy-MM-ddTHH:mm:ssZ}}","region":"eu-central-1"}""");
        var expiration = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeMilliseconds();
        var handler = ByUrl(("portal.sso.", _ => FakeHttpHandler.Response(HttpStatusCode.OK,
            $$$"""{"roleCredentials":{"accessKeyId":"ASIASSO","secretAccessKey":"sso-secret","sessionToken":"sso-token","expiration":{{{expiration}}}}}""",
            "application/json")));
        var env = new Dictionary<string, string>();
        using var rig = new TestRig(handler, Resolve(new() { Profile = "dev", Region = "us-east-1", SharedConfigFiles = [cfg] }, env), env);
        await rig.Clients.Eks.DescribeClusterAsync("c", default);

        var portal = handler.Requests[0];
        Assert.Equal("https://portal.sso.eu-central-1.amazonaws.com/federation/credentials?account_id=111122223333&role_name=Admin", portal.Uri.ToString());
        Assert.Equal("sso-bearer", portal.Header("x-amz-sso_bearer_token"));
        Assert.Equal("", portal.Header("Authorization"));
        Assert.Equal("ASIASSO", CredentialOf(handler.Requests[1]));
        Assert.Equal("sso-token", handler.Requests[1].Header("X-Amz-Security-Token"));
    }

    [Fact]
    public async Task Sso_profile_with_an_expired_token_says_to_log_in()
    {
        var cfg = WriteFile("config",
            "[profile old]\nsso_start_url = https://old.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 1\nsso_role_name = R\n");
        var cache = Directory.CreateDirectory(Path.Combine(_dir.FullName, ".aws", "sso", "cache"));
        var cacheName = Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes("https://old.awsapps.com/start"))) + ".json";
        File.WriteAllText(Path.Combine(cache.FullName, cacheName), """{"accessToken":"stale-bearer","expiresAt":"2020-01-01T00:00:00Z"}""");
        var env = new Dictionary<string, string>();
        using var rig = new TestRig(new FakeHttpHandler().Json(ClusterJson), Resolve(new() { Profile = "old", SharedConfigFiles = [cfg] }, env), env);
        var e = await Assert.ThrowsAsync<AwsCredentialsException>(() => rig.Clients.Eks.DescribeClusterAsync("c", default));
        Assert.Contains("has expired: run `aws sso login --profile old`", e.Message);
        Assert.DoesNotContain("stale-bearer", e.ToString());
        Assert.Empty(rig.Handler.Requests);
    }

    [Fact]
    public async Task Container_credentials_send_the_token_file_and_sign_with_the_answer()
    {
        var tokenFile = WriteFile("eks-pod-identity-token", "sa-token-1\n");
        var env = new Dictionary<string, string>
        {
            ["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = "http://127.0.0.1:9/v1/credentials",
            ["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"] = tokenFile,
        };
        var handler = ByUrl(("127.0.0.1:9", _ => FakeHttpHandler.Response(HttpStatusCode.OK, ContainerJson("ASIAPOD"), "application/json")));
        using var rig = new TestRig(handler, Resolve(new(), env), env);
        await rig.Clients.Eks.DescribeClusterAsync("c", default);

        Assert.Equal(HttpMethod.Get, handler.Requests[0].Method);
        Assert.Equal("sa-token-1", handler.Requests[0].Header("Authorization"));
        Assert.Equal("ASIAPOD", CredentialOf(handler.Requests[1]));
        Assert.Equal("agent-token", handler.Requests[1].Header("X-Amz-Security-Token"));
        Assert.Equal("container credentials", rig.Clients.CredentialSourceName);
    }

    [Fact]
    public async Task Container_credentials_over_plain_http_only_to_loopback_or_the_agent_hosts()
    {
        var env = new Dictionary<string, string> { ["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = "http://example.com/creds" };
        using var rig = new TestRig(new FakeHttpHandler().Json(ClusterJson), Resolve(new(), env), env);
        var e = await Assert.ThrowsAsync<AwsCredentialsException>(() => rig.Clients.Eks.DescribeClusterAsync("c", default));
        Assert.Contains("example.com", e.Message);
        Assert.Empty(rig.Handler.Requests);
    }

    [Fact]
    public async Task Instance_metadata_uses_an_imdsv2_token_for_the_role_and_its_credentials()
    {
        var env = new Dictionary<string, string> { ["AWS_EC2_METADATA_SERVICE_ENDPOINT"] = "http://169.254.169.254/" };
        var handler = ByUrl(
            ("/latest/api/token", _ => FakeHttpHandler.Response(HttpStatusCode.OK, "imds-session", "text/plain")),
            ("/security-credentials/node-role", _ => FakeHttpHandler.Response(HttpStatusCode.OK, ContainerJson("ASIAIMDS"), "text/plain")),
            ("/security-credentials/", _ => FakeHttpHandler.Response(HttpStatusCode.OK, "node-role\n", "text/plain")));
        using var rig = new TestRig(handler, Resolve(new(), env), env);
        await rig.Clients.Eks.DescribeClusterAsync("c", default);

        Assert.Equal(HttpMethod.Put, handler.Requests[0].Method);
        Assert.Equal("21600", handler.Requests[0].Header("X-aws-ec2-metadata-token-ttl-seconds"));
        Assert.All(handler.Requests.Skip(1).Take(2), r => Assert.Equal("imds-session", r.Header("X-aws-ec2-metadata-token")));
        Assert.Equal("ASIAIMDS", CredentialOf(handler.Requests[3]));
        Assert.Equal("EC2 instance metadata", rig.Clients.CredentialSourceName);
    }

    [Theory]
    [InlineData("exit 3", "exited with code 3")]
    [InlineData("echo '{\"Version\": 2, \"AccessKeyId\": \"A\", \"SecretAccessKey\": \"process-secret\"}'", "Version 2")]
    [InlineData("echo not-json", "not valid JSON")]
    public async Task Credential_process_failures_are_clear_and_quote_no_secret(string command, string expected)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var cfg = WriteFile("config", $"[profile proc]\ncredential_process = {command}\n");
        using var rig = new TestRig(new FakeHttpHandler().Json(ClusterJson), Resolve(new() { Profile = "proc", SharedConfigFiles = [cfg] }));
        var e = await Assert.ThrowsAsync<AwsCredentialsException>(() => rig.Clients.Eks.DescribeClusterAsync("c", default));
        Assert.Contains(expected, e.Message);
        Assert.DoesNotContain("process-secret", e.ToString());
        Assert.Empty(rig.Handler.Requests);
    }
}
