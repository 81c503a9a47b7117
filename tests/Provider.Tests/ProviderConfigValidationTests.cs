using PodIdentity.Plugin.Framework;
using PodIdentity.Plugin.Values;
using PodIdentity.Provider.Configuration;
using PodIdentity.TestSupport;
using static PodIdentity.Provider.Tests.ProviderConfigs;

namespace PodIdentity.Provider.Tests;

public sealed class ProviderConfigValidationTests
{
    private static readonly AttributePath Root = AttributePath.Root;

    [Fact]
    public void A_config_using_every_argument_is_valid()
    {
        var config = Config(
            ("region", "eu-west-1"),
            ("access_key", "AKIDEXAMPLE"),
            ("secret_key", "secret"),
            ("token", "tok"),
            ("shared_config_files", new[] { "/tmp/config" }),
            ("shared_credentials_files", new[] { "/tmp/credentials" }),
            ("skip_credentials_validation", false),
            ("skip_requesting_account_id", false),
            ("skip_region_validation", false),
            ("skip_metadata_api_check", true),
            ("max_retries", 5),
            ("retry_mode", "adaptive"),
            ("allowed_account_ids", new[] { "123456789012" }),
            ("custom_ca_bundle", "/etc/ssl/certs/ca-certificates.crt"),
            ("http_proxy", "http://proxy.internal:3128"),
            ("https_proxy", "http://proxy.internal:3128"),
            ("no_proxy", "localhost,127.0.0.1"),
            ("insecure", false),
            ("skip_pod_identity_agent_check", true),
            ("assume_role", Block("assume_role",
                ("role_arn", "arn:aws:iam::123456789012:role/admin"), ("session_name", "tf"),
                ("external_id", "ext"), ("duration", "1h30m"), ("policy", "{}"),
                ("tags", new Dictionary<string, string> { ["team"] = "x" }), ("transitive_tag_keys", new[] { "team" }))),
            ("endpoints", Block("endpoints", ("eks", "http://127.0.0.1:4566"), ("iam", "https://iam.example"), ("sts", "http://localhost:1"))),
            ("default_tags", Block("default_tags", ("tags", new Dictionary<string, string> { ["env"] = "test" }))),
            ("ignore_tags", Block("ignore_tags", ("keys", new[] { "k" }), ("key_prefixes", new[] { "kubernetes.io/" }))));

        Assert.Empty(Validate(config));
    }

    [Theory]
    [InlineData("eks")]
    [InlineData("iam")]
    [InlineData("sts")]
    public void Malformed_endpoint_is_reported_on_its_attribute_in_the_list_block(string service)
    {
        var d = Assert.Single(Validate(Config(("endpoints", Block("endpoints", (service, "not a url"))))));
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Equal(Root.Attribute("endpoints").Index(0).Attribute(service), d.Path);
        Assert.Contains("not a url", d.Detail);
        Assert.Equal($"endpoints[0].{service}", d.Path!.ToString());
    }

    [Fact]
    public void Endpoint_with_a_non_http_scheme_is_rejected()
    {
        var d = Assert.Single(Validate(Config(("endpoints", Block("endpoints", ("eks", "ftp://example.com"))))));
        Assert.Equal(Root.Attribute("endpoints").Index(0).Attribute("eks"), d.Path);
    }

    [Fact]
    public void Unknown_retry_mode_is_reported_on_retry_mode()
    {
        var d = Assert.Single(Validate(Config(("retry_mode", "sometimes"))));
        Assert.Equal(Root.Attribute("retry_mode"), d.Path);
        Assert.Contains("sometimes", d.Detail);
        Assert.Contains("standard", d.Detail);
    }

    [Theory]
    [InlineData("assume_role")]
    [InlineData("assume_role_with_web_identity")]
    public void Duration_that_does_not_parse_is_reported_in_its_block(string block)
    {
        var d = Assert.Single(Validate(Config((block, Block(block, ("role_arn", "arn:aws:iam::123456789012:role/r"), ("duration", "an hour"))))));
        Assert.Equal(Root.Attribute(block).Index(0).Attribute("duration"), d.Path);
        Assert.Contains("an hour", d.Detail);
    }

    [Fact]
    public void Duration_out_of_the_session_range_is_rejected()
    {
        var d = Assert.Single(Validate(Config(("assume_role", Block("assume_role", ("duration", "13h"))))));
        Assert.Equal(Root.Attribute("assume_role").Index(0).Attribute("duration"), d.Path);
    }

    [Fact]
    public void Negative_or_fractional_max_retries_is_rejected()
    {
        Assert.Equal(Root.Attribute("max_retries"), Assert.Single(Validate(Config(("max_retries", -1)))).Path);
        Assert.Equal(Root.Attribute("max_retries"), Assert.Single(Validate(Config(("max_retries", 1.5)))).Path);
        Assert.Empty(Validate(Config(("max_retries", 0))));
    }

    [Fact]
    public void Static_keys_and_profile_conflict()
    {
        var d = Assert.Single(Validate(Config(("access_key", "AKID"), ("secret_key", "s"), ("profile", "dev"))));
        Assert.Equal(Root.Attribute("profile"), d.Path);
    }

    [Fact]
    public void Half_of_a_static_key_pair_points_at_the_missing_half()
    {
        Assert.Equal(Root.Attribute("secret_key"), Assert.Single(Validate(Config(("access_key", "AKID")))).Path);
        Assert.Equal(Root.Attribute("access_key"), Assert.Single(Validate(Config(("secret_key", "s")))).Path);
    }

    [Fact]
    public void Allowed_and_forbidden_account_ids_conflict()
    {
        var d = Assert.Single(Validate(Config(("allowed_account_ids", new[] { "123456789012" }), ("forbidden_account_ids", new[] { "210987654321" }))));
        Assert.Equal(Root.Attribute("forbidden_account_ids"), d.Path);
        Assert.Contains("allowed_account_ids", d.Detail);
    }

    [Fact]
    public void Account_ids_must_be_twelve_digits()
    {
        var d = Assert.Single(Validate(Config(("allowed_account_ids", new[] { "12345" }))));
        Assert.Equal(Root.Attribute("allowed_account_ids"), d.Path);
    }

    [Fact]
    public void Invalid_region_is_rejected_unless_region_validation_is_skipped()
    {
        Assert.Equal(Root.Attribute("region"), Assert.Single(Validate(Config(("region", "moon-base")))).Path);
        Assert.Empty(Validate(Config(("region", "moon-base"), ("skip_region_validation", true))));
        Assert.Empty(Validate(Config(("region", "moon-base"), ("skip_region_validation", TestValues.Unknown))));
    }

    [Fact]
    public void Missing_region_is_not_a_validate_error()
    {
        Assert.Empty(Validate(Config()));
    }

    [Fact]
    public void Both_web_identity_token_sources_conflict()
    {
        var d = Assert.Single(Validate(Config(("assume_role_with_web_identity", Block("assume_role_with_web_identity",
            ("role_arn", "arn:aws:iam::123456789012:role/r"), ("web_identity_token", "t"), ("web_identity_token_file", "/f"))))));
        Assert.Equal(Root.Attribute("assume_role_with_web_identity").Index(0).Attribute("web_identity_token_file"), d.Path);
    }

    [Fact]
    public void Unknown_values_are_skipped()
    {
        var config = Config(
            ("retry_mode", TestValues.Unknown),
            ("max_retries", TestValues.Unknown),
            ("access_key", "AKID"),
            ("secret_key", TestValues.Unknown),
            ("profile", TestValues.Unknown),
            ("allowed_account_ids", new[] { "123456789012" }),
            ("forbidden_account_ids", TestValues.Unknown),
            ("endpoints", Block("endpoints", ("eks", TestValues.Unknown))),
            ("assume_role", Block("assume_role", ("duration", TestValues.Unknown))));
        Assert.Empty(Validate(config));

        var unknownBlock = Config(("endpoints", TestValues.Unknown));
        Assert.Empty(Validate(unknownBlock));
    }

    [Fact]
    public void Several_problems_are_all_reported()
    {
        var diagnostics = Validate(Config(("retry_mode", "x"), ("max_retries", -3), ("endpoints", Block("endpoints", ("sts", "::")))));
        Assert.Equal(3, diagnostics.Count);
        Assert.All(diagnostics, d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
    }

    private static Diagnostics Validate(CtyValue config)
    {
        var diagnostics = new Diagnostics();
        new AwsProvider().ValidateConfig(new ValidateConfigRequest { Config = config }, diagnostics);
        return diagnostics;
    }
}
