using System.Text.Json;
using PodIdentity.Provider.AcceptanceTests.Harness;
using static PodIdentity.Provider.AcceptanceTests.ProviderConfig.ProviderConfigFiles;

namespace PodIdentity.Provider.AcceptanceTests.ProviderConfig;

/// <summary>`terraform validate` and `terraform providers schema` against the published provider (no AWS needed).</summary>
public sealed class ProviderValidateCliTests
{
    private const string EveryArgument = """
          region                        = "us-west-2"
          access_key                    = "AKIDEXAMPLE"
          secret_key                    = "not-a-real-secret"
          token                         = "session-token"
          shared_config_files           = ["/tmp/aws-config"]
          shared_credentials_files      = ["/tmp/aws-credentials"]
          skip_credentials_validation   = true
          skip_requesting_account_id    = true
          skip_region_validation        = false
          skip_metadata_api_check       = true
          max_retries                   = 3
          retry_mode                    = "adaptive"
          allowed_account_ids           = ["123456789012"]
          custom_ca_bundle              = "/etc/ssl/certs/ca-certificates.crt"
          http_proxy                    = "http://proxy.internal:3128"
          https_proxy                   = "http://proxy.internal:3128"
          no_proxy                      = "localhost,127.0.0.1"
          insecure                      = false
          skip_pod_identity_agent_check = true

          assume_role {
            role_arn            = "arn:aws:iam::123456789012:role/admin"
            session_name        = "terraform"
            external_id         = "ext-1"
            duration            = "1h"
            policy              = "{}"
            tags                = { team = "platform" }
            transitive_tag_keys = ["team"]
          }

          assume_role_with_web_identity {
            role_arn                = "arn:aws:iam::123456789012:role/web"
            session_name            = "terraform"
            web_identity_token_file = "/var/run/token"
            duration                = "30m"
          }

          endpoints {
            eks = "http://127.0.0.1:4566"
            iam = "http://127.0.0.1:4566"
            sts = "http://127.0.0.1:4566"
          }

          default_tags {
            tags = { env = "test" }
          }

          ignore_tags {
            keys         = ["owner"]
            key_prefixes = ["kubernetes.io/"]
          }

        """;

    // The arguments that conflict with ones in EveryArgument, so they get a configuration of their own.
    private const string TheOtherArguments = """
          region                = "us-west-2"
          profile               = "dev"
          forbidden_account_ids = ["210987654321"]

          assume_role_with_web_identity {
            role_arn           = "arn:aws:iam::123456789012:role/web"
            web_identity_token = "eyJhbGciOi.not-a-real-token"
          }

        """;

    [Theory]
    [InlineData(EveryArgument)]
    [InlineData(TheOtherArguments)]
    public async Task Validate_accepts_a_configuration_using_every_provider_argument(string providerBody)
    {
        using var ws = new TerraformWorkspace().Write("main.tf", MainTf(providerBody));
        var result = await ws.RunAsync("validate", "-json", "-no-color");
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.True(json.RootElement.GetProperty("valid").GetBoolean(), result.Output);
        Assert.Equal(0, json.RootElement.GetProperty("error_count").GetInt32());
        result.EnsureExit(0, "result");
    }

    [Fact]
    public async Task Validate_reports_a_bad_retry_mode_on_its_line()
    {
        var main = MainTf("  region     = \"us-west-2\"\n  retry_mode = \"sometimes\"\n");
        using var ws = new TerraformWorkspace().Write("main.tf", main);
        var error = await SingleErrorAsync(ws);

        Assert.Contains("sometimes", error.GetProperty("detail").GetString());
        AssertRange(error, "main.tf", LineOf(main, "retry_mode"), "retry_mode");
    }

    [Fact]
    public async Task Validate_reports_a_malformed_endpoint_on_its_line_inside_the_block()
    {
        var main = MainTf("  region = \"us-west-2\"\n  endpoints {\n    iam = \"http://127.0.0.1:4566\"\n    eks = \"not a url\"\n  }\n");
        using var ws = new TerraformWorkspace().Write("main.tf", main);
        var error = await SingleErrorAsync(ws);

        Assert.Contains("not a url", error.GetProperty("detail").GetString());
        Assert.Contains("endpoints[0].eks", error.GetProperty("detail").GetString());
        AssertRange(error, "main.tf", LineOf(main, "eks ="), "eks");
    }

    [Fact]
    public async Task Validate_reports_conflicting_account_lists()
    {
        var main = MainTf("  allowed_account_ids   = [\"123456789012\"]\n  forbidden_account_ids = [\"210987654321\"]\n");
        using var ws = new TerraformWorkspace().Write("main.tf", main);
        var error = await SingleErrorAsync(ws);
        AssertRange(error, "main.tf", LineOf(main, "forbidden_account_ids"), "forbidden_account_ids");
    }

    [Fact]
    public async Task Providers_schema_lists_arguments_sensitivity_blocks_and_types()
    {
        using var ws = new TerraformWorkspace().Write("main.tf", MainTf("  region = \"us-west-2\"\n"));
        var result = (await ws.RunAsync("providers", "schema", "-json")).EnsureSuccess("providers schema -json");
        using var json = JsonDocument.Parse(result.Stdout);
        var schema = json.RootElement.GetProperty("provider_schemas").GetProperty("registry.terraform.io/podidentity/aws");
        var block = schema.GetProperty("provider").GetProperty("block");
        var attributes = block.GetProperty("attributes");

        foreach (var name in new[]
                 {
                     "region", "access_key", "secret_key", "token", "profile", "shared_config_files", "shared_credentials_files",
                     "skip_credentials_validation", "skip_requesting_account_id", "skip_region_validation",
                     "skip_metadata_api_check", "max_retries", "retry_mode", "allowed_account_ids", "forbidden_account_ids",
                     "custom_ca_bundle", "http_proxy", "https_proxy", "no_proxy", "insecure", "skip_pod_identity_agent_check",
                 })
        {
            var a = attributes.GetProperty(name);
            Assert.True(a.GetProperty("optional").GetBoolean(), name);
            Assert.False(string.IsNullOrWhiteSpace(a.GetProperty("description").GetString()), name);
            var sensitive = a.TryGetProperty("sensitive", out var s) && s.GetBoolean();
            Assert.Equal(name is "secret_key" or "token", sensitive);
        }

        var blocks = block.GetProperty("block_types");
        foreach (var name in new[] { "assume_role", "assume_role_with_web_identity", "endpoints", "default_tags", "ignore_tags" })
        {
            Assert.Equal("list", blocks.GetProperty(name).GetProperty("nesting_mode").GetString());
            Assert.Equal(1, blocks.GetProperty(name).GetProperty("max_items").GetInt32());
        }

        var webToken = blocks.GetProperty("assume_role_with_web_identity").GetProperty("block").GetProperty("attributes").GetProperty("web_identity_token");
        Assert.True(webToken.GetProperty("sensitive").GetBoolean());

        Assert.True(schema.GetProperty("resource_schemas").TryGetProperty("aws_eks_pod_identity_association", out _));
        var dataSources = schema.GetProperty("data_source_schemas");
        Assert.True(dataSources.TryGetProperty("aws_eks_pod_identity_association", out _));
        Assert.True(dataSources.TryGetProperty("aws_eks_pod_identity_associations", out _));
    }

    private static async Task<JsonElement> SingleErrorAsync(TerraformWorkspace ws)
    {
        var result = await ws.RunAsync("validate", "-json", "-no-color");
        Assert.NotEqual(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.False(json.RootElement.GetProperty("valid").GetBoolean());
        var errors = json.RootElement.GetProperty("diagnostics").EnumerateArray()
            .Where(d => d.GetProperty("severity").GetString() == "error").ToList();
        return Assert.Single(errors).Clone();
    }

    private static void AssertRange(JsonElement diagnostic, string file, int line, string attribute)
    {
        Assert.Equal("provider[\"registry.terraform.io/podidentity/aws\"]", diagnostic.GetProperty("address").GetString());
        var range = diagnostic.GetProperty("range");
        Assert.Equal(file, range.GetProperty("filename").GetString());
        Assert.Equal(line, range.GetProperty("start").GetProperty("line").GetInt32());
        var code = diagnostic.GetProperty("snippet").GetProperty("code").GetString();
        Assert.Contains(attribute, code);
    }
}
