using System.Net;
using Xunit;

namespace PodIdentity.Aws.Clients.Tests;

public sealed partial class CredentialTests : IDisposable
{
    private const string ClusterJson = """{"cluster":{"name":"c"}}""";
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("aws-creds-");

    public void Dispose() => _dir.Delete(recursive: true);

    private string WriteFile(string name, string text)
    {
        var path = Path.Combine(_dir.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }

    private AwsProviderConfig Resolve(AwsProviderConfig config, Dictionary<string, string>? env = null)
    {
        env ??= [];
        env["HOME"] = _dir.FullName;
        var resolved = AwsConfigResolver.Resolve(config, env);
        return resolved.Region is null ? resolved with { Region = "us-east-1" } : resolved;
    }

    private static string AssumeRoleXml(string action, string accessKey, DateTimeOffset expiration) => $"""
        <{action}Response xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
          <{action}Result>
            <Credentials>
              <AccessKeyId>{accessKey}</AccessKeyId>
              <SecretAccessKey>assumed-secret</SecretAccessKey>
              <SessionToken>assumed-token</SessionToken>
              <Expiration>{expiration:yyyy-MM-ddTHH:mm:ssZ}</Expiration>
            </Credentials>
            <AssumedRoleUser><AssumedRoleId>AROA:s</AssumedRoleId><Arn>arn:aws:sts::1:assumed-role/r/s</Arn></AssumedRoleUser>
            <PackedPolicySize>6</PackedPolicySize>
          </{action}Result>
          <ResponseMetadata><RequestId>sts-req</RequestId></ResponseMetadata>
        </{action}Response>
        """;

    /// <summary>STS answers with <paramref name="stsXml"/>, EKS with a cluster.</summary>
    private static FakeHttpHandler Routed(Func<string> stsXml) => new FakeHttpHandler()
        .When(r => r.Uri.Host.StartsWith("sts.", StringComparison.Ordinal), _ => FakeHttpHandler.XmlResponse(HttpStatusCode.OK, stsXml()))
        .Json(ClusterJson);

    private static string CredentialOf(RecordedRequest r) => r.Header("Authorization").Split("Credential=")[1].Split('/')[0];

    [Fact]
    public async Task Named_profile_from_a_shared_credentials_file()
    {
        var creds = WriteFile("credentials",
            "[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = default-secret\n\n"
            + "[dev]\naws_access_key_id = AKIDDEV\naws_secret_access_key = dev-secret\naws_session_token = dev-token\n");
        var config = Resolve(new() { Profile = "dev", SharedCredentialsFiles = [creds], SharedConfigFiles = [Path.Combine(_dir.FullName, "none")] });
        using var rig = new TestRig(new FakeHttpHandler().Json(ClusterJson), config);
        await rig.Clients.Eks.DescribeClusterAsync("c", default);

        Assert.Equal("AKIDDEV", CredentialOf(rig.Last));
        Assert.Equal("dev-token", rig.Last.Header("X-Amz-Security-Token"));
        Assert.Equal("profile \"dev\"", rig.Clients.CredentialSourceName);
        var log = Assert.Single(rig.Logs);
        Assert.Equal(AwsLogLevel.Debug, log.Level);
        Assert.Equal(new KeyValuePair<string, object?>("source", "profile \"dev\""), Assert.Single(log.Fields));
        Assert.DoesNotContain("dev-secret", log.ToString());
    }

    [Fact]
    public async Task Default_profile_when_nothing_else_is_set_and_later_files_override_earlier()
    {
        var first = WriteFile("c1", "[default]\naws_access_key_id = AKIDFIRST\naws_secret_access_key = s1\n");
        var second = WriteFile("c2", "[default]\naws_access_key_id = AKIDSECOND\n");
        var config = Resolve(new() { SharedCredentialsFiles = [first, second] });
        using var rig = new TestRig(new FakeHttpHandler().Json(ClusterJson), config);
        await rig.Clients.Eks.DescribeClusterAsync("c", default);
        Assert.Equal("AKIDSECOND", CredentialOf(rig.Last));
    }

    [Fact]
    public async Task Profile_in_the_config_file_is_found_too()
    {
        var cfg = WriteFile("config", "[profile ops]\naws_access_key_id = AKIDOPS\naws_secret_access_key = ops-secret\nregion = eu-west-3\n");
        var config = Resolve(new() { Profile = "ops", SharedConfigFiles = [cfg] });
        Assert.Equal("eu-west-3", config.Region);
        using var rig = new TestRig(new FakeHttpHandler().Json(ClusterJson), config);
        await rig.Clients.Eks.DescribeClusterAsync("c", default);
        Assert.Equal("AKIDOPS", CredentialOf(rig.Last));
        Assert.Equal("https://eks.eu-west-3.amazonaws.com/clusters/c", rig.Last.Uri.ToString());
    }

    [Fact]
    public async Task Credential_process_runs_through_the_shell_and_its_json_signs()
    {
        var script = WriteFile("cred.sh",
            "#!/bin/sh\necho '{\"Version\": 1, \"AccessKeyId\": \"AKIDPROCESS\", \"SecretAccessKey\": \"process-secret\", \"SessionToken\": \"process-token\"}'\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var cfg = WriteFile("config", $"[profile proc]\ncredential_process = {script}\n");
        var config = Resolve(new() { Profile = "proc", SharedConfigFiles = [cfg], SharedCredentialsFiles = [Path.Combine(_dir.FullName, "none")] });
        using var rig = new TestRig(new FakeHttpHandler().Json(ClusterJson), config);
        await rig.Clients.Eks.DescribeClusterAsync("c", default);
        Assert.Equal("AKIDPROCESS", CredentialOf(rig.Last));
        Assert.Equal("process-token", rig.Last.Header("X-Amz-Security-Token"));
        Assert.Equal("credential_process of profile \"proc\"", rig.Clients.CredentialSourceName);
    }

    [Fact]
    public async Task A_missing_profile_fails_on_first_use_without_leaking_secrets()
    {
        var creds = WriteFile("credentials", "[dev]\naws_access_key_id = AKIDDEV\naws_secret_access_key = dev-secret\n");
        var config = Resolve(new() { Profile = "nope", SharedCredentialsFiles = [creds] });
        using var rig = new TestRig(new FakeHttpHandler().Json(ClusterJson), config); // no I/O yet: lazy
        var e = await Assert.ThrowsAsync<AwsCredentialsException>(() => rig.Clients.Eks.DescribeClusterAsync("c", default));
        Assert.Contains("\"nope\"", e.Message);
        Assert.Contains(creds, e.Message);
        Assert.DoesNotContain("dev-secret", e.ToString());
        Assert.Empty(rig.Handler.Requests);
    }

    [Fact]
    public async Task No_source_at_all_is_a_clear_error()
    {
        var config = Resolve(new() { SkipMetadataApiCheck = true });
        using var rig = new TestRig(new FakeHttpHandler().Json(ClusterJson), config);
        var e = await Assert.ThrowsAsync<AwsCredentialsException>(() => rig.Clients.Eks.DescribeClusterAsync("c", default));
        Assert.Contains("No valid credential sources", e.Message);
    }

    [Fact]
    public async Task Assume_role_calls_sts_with_every_parameter_and_signs_with_the_result()
    {
        var time = new StepClock(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var stsCalls = 0;
        var handler = Routed(() => AssumeRoleXml("AssumeRole", $"ASIAASSUMED{++stsCalls}", time.Now.AddHours(1)));
        var config = Resolve(new()
        {
            AccessKey = "AKIDBASE",
            SecretKey = "base-secret",
            AssumeRole = new()
            {
                RoleArn = "arn:aws:iam::123456789012:role/deploy",
                SessionName = "tf-session",
                ExternalId = "ext-7",
                Duration = "1h30m",
                Policy = """{"Version":"2012-10-17"}""",
                Tags = new Dictionary<string, string> { ["team"] = "platform", ["env"] = "dev" },
                TransitiveTagKeys = ["team"],
            },
        });
        using var rig = new TestRig(handler, config, time: time);

        await rig.Clients.Eks.DescribeClusterAsync("c", default);
        await rig.Clients.Eks.DescribeClusterAsync("c", default);

        var sts = handler.Requests[0];
        Assert.Equal("https://sts.us-east-1.amazonaws.com/", sts.Uri.ToString());
        Assert.Equal(HttpMethod.Post, sts.Method);
        Assert.StartsWith("application/x-www-form-urlencoded", sts.Header("Content-Type"));
        Assert.Equal("AKIDBASE", CredentialOf(sts));
        Assert.Contains("/us-east-1/sts/aws4_request", sts.Header("Authorization"));
        var form = sts.FormValues();
        Assert.Equal("AssumeRole", form["Action"].Single());
        Assert.Equal("2011-06-15", form["Version"].Single());
        Assert.Equal("arn:aws:iam::123456789012:role/deploy", form["RoleArn"].Single());
        Assert.Equal("tf-session", form["RoleSessionName"].Single());
        Assert.Equal("ext-7", form["ExternalId"].Single());
        Assert.Equal("5400", form["DurationSeconds"].Single());
        Assert.Equal("""{"Version":"2012-10-17"}""", form["Policy"].Single());
        var tags = new Dictionary<string, string>
        {
            [form["Tags.member.1.Key"].Single()] = form["Tags.member.1.Value"].Single(),
            [form["Tags.member.2.Key"].Single()] = form["Tags.member.2.Value"].Single(),
        };
        Assert.Equal("platform", tags["team"]);
        Assert.Equal("dev", tags["env"]);
        Assert.Equal("team", form["TransitiveTagKeys.member.1"].Single());

        // Cached: two EKS calls, one STS call; both EKS calls signed with the assumed credentials.
        Assert.Equal(3, handler.Requests.Count);
        Assert.All(handler.Requests.Skip(1), r =>
        {
            Assert.Equal("ASIAASSUMED1", CredentialOf(r));
            Assert.Equal("assumed-token", r.Header("X-Amz-Security-Token"));
        });

        // Close to expiry: refreshed before use.
        time.Now = time.Now.AddMinutes(56);
        await rig.Clients.Eks.DescribeClusterAsync("c", default);
        Assert.Equal(5, handler.Requests.Count);
        Assert.Equal("ASIAASSUMED2", CredentialOf(handler.Requests[^1]));
    }

    [Fact]
    public async Task Assume_role_failure_names_the_role_but_no_secret()
    {
        var handler = new FakeHttpHandler().Xml(
            "<ErrorResponse><Error><Code>AccessDenied</Code><Message>not authorized to assume</Message></Error><RequestId>x</RequestId></ErrorResponse>",
            HttpStatusCode.Forbidden);
        var config = Resolve(new() { AccessKey = "AKIDBASE", SecretKey = "base-secret-123", AssumeRole = new() { RoleArn = "arn:aws:iam::1:role/r" } });
        using var rig = new TestRig(handler, config);
        var e = await Assert.ThrowsAsync<AwsApiException>(() => rig.Clients.Eks.DescribeClusterAsync("c", default));
        Assert.Equal("AssumeRole", e.Operation);
        Assert.True(e.IsAccessDenied);
        Assert.DoesNotContain("base-secret-123", e.ToString());
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task Web_identity_is_unsigned_reads_the_token_file_and_signs_with_the_result()
    {
        var tokenFile = WriteFile("token", "jwt-token-value\n");
        var handler = Routed(() => AssumeRoleXml("AssumeRoleWithWebIdentity", "ASIAWEB", DateTimeOffset.UtcNow.AddHours(1)));
        var config = Resolve(new()
        {
            AssumeRoleWithWebIdentity = new() { RoleArn = "arn:aws:iam::1:role/web", SessionName = "s1", WebIdentityTokenFile = tokenFile, Duration = "2h" },
        });
        using var rig = new TestRig(handler, config);
        await rig.Clients.Eks.DescribeClusterAsync("c", default);

        var sts = handler.Requests[0];
        Assert.Equal("", sts.Header("Authorization"));
        var form = sts.FormValues();
        Assert.Equal("AssumeRoleWithWebIdentity", form["Action"].Single());
        Assert.Equal("jwt-token-value", form["WebIdentityToken"].Single());
        Assert.Equal("arn:aws:iam::1:role/web", form["RoleArn"].Single());
        Assert.Equal("s1", form["RoleSessionName"].Single());
        Assert.Equal("7200", form["DurationSeconds"].Single());
        Assert.Equal("ASIAWEB", CredentialOf(handler.Requests[1]));
    }

    [Fact]
    public async Task Web_identity_from_the_environment_when_no_keys_or_profile()
    {
        var tokenFile = WriteFile("token", "env-jwt");
        var env = new Dictionary<string, string>
        {
            ["AWS_ROLE_ARN"] = "arn:aws:iam::1:role/env",
            ["AWS_WEB_IDENTITY_TOKEN_FILE"] = tokenFile,
            ["AWS_ROLE_SESSION_NAME"] = "env-session",
            ["HOME"] = _dir.FullName,
        };
        var handler = Routed(() => AssumeRoleXml("AssumeRoleWithWebIdentity", "ASIAENV", DateTimeOffset.UtcNow.AddHours(1)));
        using var rig = new TestRig(handler, Resolve(new(), env), env);
        await rig.Clients.Eks.DescribeClusterAsync("c", default);
        Assert.Equal("env-jwt", handler.Requests[0].FormValues()["WebIdentityToken"].Single());
        Assert.Equal("env-session", handler.Requests[0].FormValues()["RoleSessionName"].Single());
        Assert.Equal("ASIAENV", CredentialOf(handler.Requests[1]));
    }
}
