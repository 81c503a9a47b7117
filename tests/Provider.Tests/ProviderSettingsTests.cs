using PodIdentity.Plugin.Values;
using PodIdentity.Provider.Configuration;
using PodIdentity.TestSupport;
using static PodIdentity.Provider.Tests.ProviderConfigs;

namespace PodIdentity.Provider.Tests;

public sealed class ProviderSettingsTests
{
    [Fact]
    public void Every_argument_reaches_the_aws_configuration()
    {
        var settings = ProviderSettings.Read(Config(
            ("region", "eu-west-1"),
            ("access_key", "AKID"),
            ("secret_key", "secret"),
            ("token", "tok"),
            ("profile", "dev"),
            ("shared_config_files", new[] { "/a/config", "/b/config" }),
            ("shared_credentials_files", new[] { "/a/credentials" }),
            ("skip_credentials_validation", true),
            ("skip_requesting_account_id", false),
            ("skip_region_validation", true),
            ("skip_metadata_api_check", true),
            ("max_retries", 7),
            ("retry_mode", "standard"),
            ("allowed_account_ids", new[] { "111111111111" }),
            ("forbidden_account_ids", new[] { "222222222222" }),
            ("custom_ca_bundle", "/ca.pem"),
            ("http_proxy", "http://p:1"),
            ("https_proxy", "http://p:2"),
            ("no_proxy", "localhost"),
            ("insecure", true),
            ("skip_pod_identity_agent_check", true),
            ("skip_pod_identity_trust_check", true),
            ("strict_pod_identity_trust_check", true),
            ("assume_role", Block("assume_role",
                ("role_arn", "arn:aws:iam::111111111111:role/a"), ("session_name", "s"), ("external_id", "e"),
                ("duration", "1h"), ("policy", "{}"), ("tags", new Dictionary<string, string> { ["k"] = "v" }), ("transitive_tag_keys", new[] { "k" }))),
            ("assume_role_with_web_identity", Block("assume_role_with_web_identity",
                ("role_arn", "arn:aws:iam::111111111111:role/w"), ("session_name", "ws"),
                ("web_identity_token", "jwt"), ("web_identity_token_file", "/t"), ("duration", "30m"))),
            ("endpoints", Block("endpoints", ("eks", "http://eks"), ("iam", "http://iam"), ("sts", "http://sts"))),
            ("default_tags", Block("default_tags", ("tags", new Dictionary<string, string> { ["env"] = "prod" }))),
            ("ignore_tags", Block("ignore_tags", ("keys", new[] { "owner" }), ("key_prefixes", new[] { "k8s/" })))));

        Assert.Equal(new PodIdentity.Provider.Checks.CheckSettings(SkipTrustCheck: true, TrustFindingsAsErrors: true), settings.AssociationChecks);
        var c = settings.Aws;
        Assert.Equal(("eu-west-1", "AKID", "secret", "tok", "dev"), (c.Region, c.AccessKey, c.SecretKey, c.Token, c.Profile));
        Assert.Equal(["/a/config", "/b/config"], c.SharedConfigFiles!);
        Assert.Equal(["/a/credentials"], c.SharedCredentialsFiles!);
        Assert.Equal((true, false, true, true), (c.SkipCredentialsValidation, c.SkipRequestingAccountId, c.SkipRegionValidation, c.SkipMetadataApiCheck));
        Assert.Equal((7, "standard"), (c.MaxRetries, c.RetryMode));
        Assert.Equal(["111111111111"], c.AllowedAccountIds!);
        Assert.Equal(["222222222222"], c.ForbiddenAccountIds!);
        Assert.Equal(("/ca.pem", "http://p:1", "http://p:2", "localhost", true), (c.CustomCaBundle, c.HttpProxy, c.HttpsProxy, c.NoProxy, c.Insecure));

        var ar = c.AssumeRole!;
        Assert.Equal(("arn:aws:iam::111111111111:role/a", "s", "e", "1h", "{}"), (ar.RoleArn, ar.SessionName, ar.ExternalId, ar.Duration, ar.Policy));
        Assert.Equal("v", ar.Tags!["k"]);
        Assert.Equal(["k"], ar.TransitiveTagKeys!);

        var wi = c.AssumeRoleWithWebIdentity!;
        Assert.Equal(("arn:aws:iam::111111111111:role/w", "ws", "jwt", "/t", "30m"), (wi.RoleArn, wi.SessionName, wi.WebIdentityToken, wi.WebIdentityTokenFile, wi.Duration));
        Assert.Equal(("http://eks", "http://iam", "http://sts"), (c.Endpoints!.Eks, c.Endpoints.Iam, c.Endpoints.Sts));

        Assert.Equal("prod", settings.DefaultTags!["env"]);
        Assert.Equal(["owner"], settings.IgnoreKeys!);
        Assert.Equal(["k8s/"], settings.IgnoreKeyPrefixes!);
        Assert.True(settings.SkipPodIdentityAgentCheck);
    }

    [Fact]
    public void An_assume_role_block_without_a_role_arn_assumes_nothing()
    {
        Assert.Null(ProviderSettings.Read(Config(("assume_role", Block("assume_role", ("session_name", "s"))))).Aws.AssumeRole);
        Assert.Null(ProviderSettings.Read(Config(("assume_role", Block("assume_role", ("role_arn", ""))))).Aws.AssumeRole);
    }

    [Fact]
    public void Unknown_and_empty_values_read_as_not_set()
    {
        var settings = ProviderSettings.Read(Config(
            ("region", TestValues.Unknown),
            ("profile", ""),
            ("max_retries", TestValues.Unknown),
            ("endpoints", TestValues.Unknown)));
        Assert.Null(settings.Aws.Region);
        Assert.Null(settings.Aws.Profile);
        Assert.Null(settings.Aws.MaxRetries);
        Assert.Null(settings.Aws.Endpoints);
        Assert.False(settings.SkipPodIdentityAgentCheck);
    }
}
