using PodIdentity.Plugin.Framework;
using PodIdentity.Plugin.Values;
using PodIdentity.Provider.Configuration;
using static PodIdentity.Provider.Tests.ProviderConfigs;

namespace PodIdentity.Provider.Tests;

public sealed class ProviderConfigValidationTests
{
    private static readonly AttributePath Root = AttributePath.Root;

    [Fact]
    public void A_config_using_every_argument_is_valid()
    {
        var config = Config(
            ("region", S("eu-west-1")),
            ("access_key", S("AKIDEXAMPLE")),
            ("secret_key", S("secret")),
            ("token", S("tok")),
            ("shared_config_files", StrList("/tmp/config")),
            ("shared_credentials_files", StrList("/tmp/credentials")),
            ("skip_credentials_validation", CtyValue.Bool(false)),
            ("skip_requesting_account_id", CtyValue.Bool(false)),
            ("skip_region_validation", CtyValue.Bool(false)),
            ("skip_metadata_api_check", CtyValue.Bool(true)),
            ("max_retries", CtyValue.Number(5)),
            ("retry_mode", S("adaptive")),
            ("allowed_account_ids", StrSet("123456789012")),
            ("custom_ca_bundle", S("/etc/ssl/certs/ca-certificates.crt")),
            ("http_proxy", S("http://proxy.internal:3128")),
            ("https_proxy", S("http://proxy.internal:3128")),
            ("no_proxy", S("localhost,127.0.0.1")),
            ("insecure", CtyValue.Bool(false)),
            ("skip_pod_identity_agent_check", CtyValue.Bool(true)),
            ("assume_role", Block("assume_role",
                ("role_arn", S("arn:aws:iam::123456789012:role/admin")), ("session_name", S("tf")),
                ("external_id", S("ext")), ("duration", S("1h30m")), ("policy", S("{}")),
                ("tags", StrMap(("team", "x"))), ("transitive_tag_keys", StrSet("team")))),
            ("endpoints", Block("endpoints", ("eks", S("http://127.0.0.1:4566")), ("iam", S("https://iam.example")), ("sts", S("http://localhost:1")))),
            ("default_tags", Block("default_tags", ("tags", StrMap(("env", "test"))))),
            ("ignore_tags", Block("ignore_tags", ("keys", StrSet("k")), ("key_prefixes", StrSet("kubernetes.io/")))));

        Assert.Empty(Validate(config));
    }

    [Theory]
    [InlineData("eks")]
    [InlineData("iam")]
    [InlineData("sts")]
    public void Malformed_endpoint_is_reported_on_its_attribute_in_the_list_block(string service)
    {
        var d = Assert.Single(Validate(Config(("endpoints", Block("endpoints", (service, S("not a url")))))));
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Equal(Root.Attribute("endpoints").Index(0).Attribute(service), d.Path);
        Assert.Contains("not a url", d.Detail);
        Assert.Equal($"endpoints[0].{service}", d.Path!.ToString());
    }

    [Fact]
    public void Endpoint_with_a_non_http_scheme_is_rejected()
    {
        var d = Assert.Single(Validate(Config(("endpoints", Block("endpoints", ("eks", S("ftp://example.com")))))));
        Assert.Equal(Root.Attribute("endpoints").Index(0).Attribute("eks"), d.Path);
    }

    [Fact]
    public void Unknown_retry_mode_is_reported_on_retry_mode()
    {
        var d = Assert.Single(Validate(Config(("retry_mode", S("sometimes")))));
        Assert.Equal(Root.Attribute("retry_mode"), d.Path);
        Assert.Contains("sometimes", d.Detail);
        Assert.Contains("standard", d.Detail);
    }

    [Theory]
    [InlineData("assume_role")]
    [InlineData("assume_role_with_web_identity")]
    public void Duration_that_does_not_parse_is_reported_in_its_block(string block)
    {
        var d = Assert.Single(Validate(Config((block, Block(block, ("role_arn", S("arn:aws:iam::123456789012:role/r")), ("duration", S("an hour")))))));
        Assert.Equal(Root.Attribute(block).Index(0).Attribute("duration"), d.Path);
        Assert.Contains("an hour", d.Detail);
    }

    [Fact]
    public void Duration_out_of_the_session_range_is_rejected()
    {
        var d = Assert.Single(Validate(Config(("assume_role", Block("assume_role", ("duration", S("13h")))))));
        Assert.Equal(Root.Attribute("assume_role").Index(0).Attribute("duration"), d.Path);
    }

    [Fact]
    public void Negative_or_fractional_max_retries_is_rejected()
    {
        Assert.Equal(Root.Attribute("max_retries"), Assert.Single(Validate(Config(("max_retries", CtyValue.Number(-1))))).Path);
        Assert.Equal(Root.Attribute("max_retries"), Assert.Single(Validate(Config(("max_retries", CtyValue.Number(1.5))))).Path);
        Assert.Empty(Validate(Config(("max_retries", CtyValue.Number(0)))));
    }

    [Fact]
    public void Static_keys_and_profile_conflict()
    {
        var d = Assert.Single(Validate(Config(("access_key", S("AKID")), ("secret_key", S("s")), ("profile", S("dev")))));
        Assert.Equal(Root.Attribute("profile"), d.Path);
    }

    [Fact]
    public void Half_of_a_static_key_pair_points_at_the_missing_half()
    {
        Assert.Equal(Root.Attribute("secret_key"), Assert.Single(Validate(Config(("access_key", S("AKID"))))).Path);
        Assert.Equal(Root.Attribute("access_key"), Assert.Single(Validate(Config(("secret_key", S("s"))))).Path);
    }

    [Fact]
    public void Allowed_and_forbidden_account_ids_conflict()
    {
        var d = Assert.Single(Validate(Config(("allowed_account_ids", StrSet("123456789012")), ("forbidden_account_ids", StrSet("210987654321")))));
        Assert.Equal(Root.Attribute("forbidden_account_ids"), d.Path);
        Assert.Contains("allowed_account_ids", d.Detail);
    }

    [Fact]
    public void Account_ids_must_be_twelve_digits()
    {
        var d = Assert.Single(Validate(Config(("allowed_account_ids", StrSet("12345")))));
        Assert.Equal(Root.Attribute("allowed_account_ids"), d.Path);
    }

    [Fact]
    public void Invalid_region_is_rejected_unless_region_validation_is_skipped()
    {
        Assert.Equal(Root.Attribute("region"), Assert.Single(Validate(Config(("region", S("moon-base"))))).Path);
        Assert.Empty(Validate(Config(("region", S("moon-base")), ("skip_region_validation", CtyValue.Bool(true)))));
        Assert.Empty(Validate(Config(("region", S("moon-base")), ("skip_region_validation", CtyValue.Unknown(CtyType.Bool)))));
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
            ("role_arn", S("arn:aws:iam::123456789012:role/r")), ("web_identity_token", S("t")), ("web_identity_token_file", S("/f")))))));
        Assert.Equal(Root.Attribute("assume_role_with_web_identity").Index(0).Attribute("web_identity_token_file"), d.Path);
    }

    [Fact]
    public void Unknown_values_are_skipped()
    {
        var config = Config(
            ("retry_mode", UnknownString),
            ("max_retries", CtyValue.Unknown(CtyType.Number)),
            ("access_key", S("AKID")),
            ("secret_key", UnknownString),
            ("profile", UnknownString),
            ("allowed_account_ids", StrSet("123456789012")),
            ("forbidden_account_ids", CtyValue.Unknown(CtyType.Set(CtyType.String))),
            ("endpoints", Block("endpoints", ("eks", UnknownString))),
            ("assume_role", Block("assume_role", ("duration", UnknownString))));
        Assert.Empty(Validate(config));

        var unknownBlock = Config(("endpoints", CtyValue.Unknown(ProviderConfigs.Type.AttributeTypes["endpoints"])));
        Assert.Empty(Validate(unknownBlock));
    }

    [Fact]
    public void Several_problems_are_all_reported()
    {
        var diagnostics = Validate(Config(("retry_mode", S("x")), ("max_retries", CtyValue.Number(-3)), ("endpoints", Block("endpoints", ("sts", S("::"))))));
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
