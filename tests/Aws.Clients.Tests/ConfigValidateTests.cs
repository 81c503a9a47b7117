using Xunit;

namespace PodIdentity.Aws.Clients.Tests;

public sealed class ConfigValidateTests
{
    private static readonly AwsProviderConfig Good = new() { Region = "eu-west-1" };

    private static IEnumerable<string> Attributes(AwsProviderConfig c) => c.Validate().Select(p => p.Attribute);

    [Fact]
    public void A_minimal_config_is_valid() => Assert.Empty(Good.Validate());

    [Fact]
    public void Missing_region() => Assert.Equal(["region"], Attributes(Good with { Region = null }));

    [Fact]
    public void Unknown_region_shape_unless_validation_is_skipped()
    {
        Assert.Equal(["region"], Attributes(Good with { Region = "mars" }));
        Assert.Empty(Attributes(Good with { Region = "mars", SkipRegionValidation = true }));
        Assert.Empty(Attributes(Good with { Region = "us-gov-west-1" }));
        Assert.Empty(Attributes(Good with { Region = "cn-northwest-1" }));
    }

    [Theory]
    [InlineData("AKID", null, "secret_key")]
    [InlineData(null, "secret", "access_key")]
    public void Half_set_static_keys(string? access, string? secret, string attribute) =>
        Assert.Equal([attribute], Attributes(Good with { AccessKey = access, SecretKey = secret }));

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://example.com")]
    [InlineData("/relative/path")]
    [InlineData("http://")]
    public void Malformed_endpoints_are_reported_per_service(string url)
    {
        Assert.Equal(["endpoints.0.eks"], Attributes(Good with { Endpoints = new() { Eks = url } }));
        Assert.Equal(["endpoints.0.iam", "endpoints.0.sts"], Attributes(Good with { Endpoints = new() { Iam = url, Sts = url } }));
    }

    [Fact]
    public void Good_endpoints_pass() =>
        Assert.Empty(Attributes(Good with { Endpoints = new() { Eks = "http://127.0.0.1:4566", Iam = "https://iam.local/x" } }));

    [Theory]
    [InlineData("standard", true)]
    [InlineData("adaptive", true)]
    [InlineData("legacy", false)]
    [InlineData("Standard", false)]
    public void Retry_modes(string mode, bool ok) =>
        Assert.Equal(ok ? [] : ["retry_mode"], Attributes(Good with { RetryMode = mode }));

    [Fact]
    public void Negative_max_retries() => Assert.Equal(["max_retries"], Attributes(Good with { MaxRetries = -1 }));

    [Theory]
    [InlineData("1h30m", true)]
    [InlineData("15m", true)]
    [InlineData("3600s", true)]
    [InlineData("1.5h", true)]
    [InlineData("90", false)]
    [InlineData("1 hour", false)]
    [InlineData("5m", false)] // below STS's 15 minute minimum
    [InlineData("13h", false)]
    public void Assume_role_durations(string duration, bool ok)
    {
        var config = Good with { AssumeRole = new() { RoleArn = "arn:aws:iam::1:role/r", Duration = duration } };
        Assert.Equal(ok ? [] : ["assume_role.0.duration"], Attributes(config));
    }

    [Fact]
    public void Assume_role_needs_a_role()
    {
        Assert.Equal(["assume_role.0.role_arn"], Attributes(Good with { AssumeRole = new() }));
    }

    [Fact]
    public void Web_identity_needs_exactly_one_token_source()
    {
        var wi = new AssumeRoleWithWebIdentityConfig { RoleArn = "arn:aws:iam::1:role/r" };
        Assert.Equal(["assume_role_with_web_identity.0.web_identity_token"], Attributes(Good with { AssumeRoleWithWebIdentity = wi }));
        Assert.Equal(["assume_role_with_web_identity.0.web_identity_token"],
            Attributes(Good with { AssumeRoleWithWebIdentity = wi with { WebIdentityToken = "t", WebIdentityTokenFile = "/f" } }));
        Assert.Empty(Attributes(Good with { AssumeRoleWithWebIdentity = wi with { WebIdentityToken = "t", Duration = "1h" } }));
        Assert.Equal(["assume_role_with_web_identity.0.duration"],
            Attributes(Good with { AssumeRoleWithWebIdentity = wi with { WebIdentityToken = "t", Duration = "forever" } }));
    }

    [Fact]
    public void Allowed_and_forbidden_accounts_conflict() =>
        Assert.Equal(["allowed_account_ids"], Attributes(Good with { AllowedAccountIds = ["1"], ForbiddenAccountIds = ["2"] }));

    [Fact]
    public void Missing_ca_bundle_and_bad_proxy() =>
        Assert.Equal(new[] { "custom_ca_bundle", "https_proxy" }.Order(),
            Attributes(Good with { CustomCaBundle = "/nonexistent/ca.pem", HttpsProxy = "::" }).Order());

    [Fact]
    public void Problems_carry_a_summary_and_detail()
    {
        var p = Assert.Single((Good with { RetryMode = "legacy" }).Validate());
        Assert.Equal("Invalid retry mode", p.Summary);
        Assert.Contains("standard, adaptive", p.Detail);
    }

    [Theory]
    [InlineData("1h30m", 5400)]
    [InlineData("-2m", -120)]
    [InlineData("0", 0)]
    [InlineData("1h0m0.5s", 3600.5)]
    [InlineData("250ms", 0.25)]
    public void Go_durations_parse(string text, double seconds)
    {
        Assert.True(GoDuration.TryParse(text, out var d));
        Assert.Equal(seconds, d.TotalSeconds, 6);
    }

    [Theory]
    [InlineData("")]
    [InlineData("h")]
    [InlineData("1d")]
    [InlineData("1h 30m")]
    [InlineData("10")]
    public void Bad_go_durations_do_not_parse(string text) => Assert.False(GoDuration.TryParse(text, out _));

    [Fact]
    public void Secrets_never_print()
    {
        var config = new AwsProviderConfig
        {
            Region = "us-east-1",
            AccessKey = "AKIDVISIBLE",
            SecretKey = "super-secret-key",
            Token = "session-token-secret",
            AssumeRoleWithWebIdentity = new() { RoleArn = "arn:r", WebIdentityToken = "jwt-secret" },
        };
        var text = config.ToString();
        Assert.Contains("AKIDVISIBLE", text);
        Assert.DoesNotContain("super-secret-key", text);
        Assert.DoesNotContain("session-token-secret", text);
        Assert.DoesNotContain("jwt-secret", text);
        Assert.DoesNotContain("jwt-secret", config.AssumeRoleWithWebIdentity.ToString());

        var set = new AwsCredentialSet("AKIDX", "secret-x", "token-x", null, "test");
        Assert.DoesNotContain("secret-x", set.ToString());
        Assert.DoesNotContain("token-x", set.ToString());
        var sts = new StsCredentials("AKIDY", "secret-y", "token-y", null);
        Assert.DoesNotContain("secret-y", sts.ToString());
        Assert.DoesNotContain("token-y", new AssumeRoleResult(sts, null, null, null).ToString());
    }
}
