using System.Net;
using PodIdentity.Aws.Clients;
using PodIdentity.Plugin.Framework;
using PodIdentity.Plugin.Values;
using PodIdentity.Provider.Shared;
using static PodIdentity.Provider.Tests.ProviderConfigs;

namespace PodIdentity.Provider.Tests;

public sealed class ProviderConfigureTests
{
    private const string Secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    private static readonly (string, object?)[] StaticKeys =
        [("region", "us-west-2"), ("access_key", "AKIDEXAMPLE"), ("secret_key", Secret)];

    [Fact]
    public async Task Configure_calls_GetCallerIdentity_once_and_hands_resources_a_context()
    {
        var aws = new FakeAws();
        var (response, context) = await ConfigureAsync(aws, Config(StaticKeys));

        Assert.Empty(response.Diagnostics);
        Assert.NotNull(context);
        Assert.Equal("us-west-2", context.Region);
        Assert.Equal("aws", context.Partition.Id);
        Assert.Equal(FakeAws.Account, context.AccountId);
        Assert.Equal(1, aws.Count("GetCallerIdentity"));
        Assert.Single(aws.Requests);
        Assert.Equal("sts.us-west-2.amazonaws.com", aws.Requests[0].Uri.Host);
        Assert.Contains("Credential=AKIDEXAMPLE/", aws.Requests[0].Authorization);
    }

    [Fact]
    public async Task Allowed_account_mismatch_fails_configure_on_allowed_account_ids()
    {
        var (response, context) = await ConfigureAsync(new FakeAws(), Config([.. StaticKeys, ("allowed_account_ids", new[] { "999999999999" })]));

        Assert.Null(context);
        var d = Assert.Single(response.Diagnostics);
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Equal(AttributePath.Root.Attribute("allowed_account_ids"), d.Path);
        Assert.Contains(FakeAws.Account, d.Detail);
        Assert.Contains("999999999999", d.Detail);
    }

    [Fact]
    public async Task Allowed_account_match_passes()
    {
        var (response, context) = await ConfigureAsync(new FakeAws(), Config([.. StaticKeys, ("allowed_account_ids", new[] { FakeAws.Account })]));
        Assert.Empty(response.Diagnostics);
        Assert.Equal(FakeAws.Account, context!.AccountId);
    }

    [Fact]
    public async Task Forbidden_account_fails_configure_on_forbidden_account_ids()
    {
        var (response, context) = await ConfigureAsync(new FakeAws(), Config([.. StaticKeys, ("forbidden_account_ids", new[] { FakeAws.Account })]));
        Assert.Null(context);
        Assert.Equal(AttributePath.Root.Attribute("forbidden_account_ids"), Assert.Single(response.Diagnostics).Path);
    }

    [Fact]
    public async Task Sts_error_becomes_a_diagnostic_with_code_message_and_request_id_but_no_secret()
    {
        var aws = FakeAws.Error(HttpStatusCode.Forbidden, "InvalidClientTokenId", "The security token included in the request is invalid.", "req-0042");
        var (response, context) = await ConfigureAsync(aws, Config(StaticKeys));

        Assert.Null(context);
        var d = Assert.Single(response.Diagnostics);
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Contains("InvalidClientTokenId", d.Detail);
        Assert.Contains("security token included in the request is invalid", d.Detail);
        Assert.Contains("req-0042", d.Detail);
        Assert.DoesNotContain(Secret, d.Summary + d.Detail);
    }

    [Fact]
    public async Task Failed_role_assumption_points_at_the_role_and_names_the_operation()
    {
        var aws = FakeAws.Error(HttpStatusCode.Forbidden, "AccessDenied", "User is not authorized to perform: sts:AssumeRole", "req-77");
        var (response, context) = await ConfigureAsync(aws, Config(
            [.. StaticKeys, ("assume_role", Block("assume_role", ("role_arn", "arn:aws:iam::123456789012:role/deployer")))]));

        Assert.Null(context);
        var d = Assert.Single(response.Diagnostics);
        Assert.Equal(AttributePath.Root.Attribute("assume_role").Index(0).Attribute("role_arn"), d.Path);
        Assert.Contains("STS AssumeRole returned AccessDenied", d.Detail);
        Assert.Contains("req-77", d.Detail);
        Assert.Equal(1, aws.Count("AssumeRole"));
        Assert.Equal(0, aws.Count("GetCallerIdentity"));
    }

    [Fact]
    public async Task Missing_profile_points_at_profile()
    {
        var aws = new FakeAws();
        var (response, context) = await ConfigureAsync(aws, Config(("region", "us-west-2"), ("profile", "nowhere")));
        Assert.Null(context);
        var d = Assert.Single(response.Diagnostics);
        Assert.Equal(AttributePath.Root.Attribute("profile"), d.Path);
        Assert.Contains("nowhere", d.Detail);
        Assert.Empty(aws.Requests);
    }

    [Fact]
    public async Task Skipping_validation_and_account_makes_no_call()
    {
        var aws = new FakeAws();
        var (response, context) = await ConfigureAsync(aws, Config(
            [.. StaticKeys, ("skip_credentials_validation", true), ("skip_requesting_account_id", true)]));
        Assert.Empty(response.Diagnostics);
        Assert.Null(context!.AccountId);
        Assert.Empty(aws.Requests);
    }

    [Fact]
    public async Task Skipping_the_account_id_still_validates_credentials()
    {
        var aws = new FakeAws();
        var (_, context) = await ConfigureAsync(aws, Config([.. StaticKeys, ("skip_requesting_account_id", true)]));
        Assert.Null(context!.AccountId);
        Assert.Equal(1, aws.Count("GetCallerIdentity"));
    }

    [Fact]
    public async Task With_credential_validation_skipped_a_failed_lookup_is_only_a_warning()
    {
        var aws = FakeAws.Error(HttpStatusCode.Forbidden, "AccessDenied", "no", "req-1");
        var (response, context) = await ConfigureAsync(aws, Config([.. StaticKeys, ("skip_credentials_validation", true)]));
        Assert.NotNull(context);
        Assert.Null(context.AccountId);
        Assert.Equal(DiagnosticSeverity.Warning, Assert.Single(response.Diagnostics).Severity);
    }

    [Fact]
    public async Task Missing_region_is_an_error_on_region_at_configure()
    {
        var aws = new FakeAws();
        var (response, context) = await ConfigureAsync(aws, Config(("access_key", "AKID"), ("secret_key", "s")));
        Assert.Null(context);
        var d = Assert.Single(response.Diagnostics);
        Assert.Equal(AttributePath.Root.Attribute("region"), d.Path);
        Assert.Empty(aws.Requests);
    }

    [Fact]
    public async Task Region_keys_and_endpoint_come_from_the_environment()
    {
        var aws = new FakeAws();
        var env = TestEnvironment.Create(
            ("AWS_REGION", "eu-central-1"), ("AWS_ACCESS_KEY_ID", "AKIDENV"), ("AWS_SECRET_ACCESS_KEY", "envsecret"),
            ("AWS_ENDPOINT_URL", "http://127.0.0.1:4566"), ("TF_AWS_DEFAULT_TAGS_owner", "platform"));
        var (response, context) = await ConfigureAsync(aws, Config(("default_tags", Block("default_tags", ("tags", new Dictionary<string, string> { ["env"] = "test" })))), env);

        Assert.Empty(response.Diagnostics);
        Assert.Equal("eu-central-1", context!.Region);
        Assert.Equal("http://127.0.0.1:4566/", aws.Requests.Single().Uri.ToString());
        Assert.Contains("Credential=AKIDENV/", aws.Requests[0].Authorization);
        Assert.Equal(new Dictionary<string, string> { ["env"] = "test", ["owner"] = "platform" }, context.TagPolicy.DefaultTags);
    }

    [Fact]
    public async Task Endpoints_block_overrides_the_environment()
    {
        var aws = new FakeAws();
        var env = TestEnvironment.Create(("AWS_ENDPOINT_URL", "http://127.0.0.1:1"));
        var (_, context) = await ConfigureAsync(aws, Config([.. StaticKeys, ("endpoints", Block("endpoints", ("sts", "http://127.0.0.1:9999"), ("eks", "http://127.0.0.1:8888")))]), env);
        Assert.Equal(9999, aws.Requests.Single().Uri.Port);
        Assert.Equal(8888, context!.Eks.Endpoint.BaseUri.Port);
        Assert.Equal(1, context.Iam.Endpoint.BaseUri.Port);
    }

    [Fact]
    public async Task Configure_reports_invalid_settings_that_only_show_after_resolving()
    {
        var env = TestEnvironment.Create(("AWS_RETRY_MODE", "bogus"));
        var (response, context) = await ConfigureAsync(new FakeAws(), Config(StaticKeys), env);
        Assert.Null(context);
        Assert.Equal(AttributePath.Root.Attribute("retry_mode"), Assert.Single(response.Diagnostics).Path);
    }

    [Fact]
    public async Task Eks_clients_are_cached_per_region()
    {
        var (_, context) = await ConfigureAsync(new FakeAws(), Config(StaticKeys));
        Assert.Same(context!.Eks, context.EksFor(null));
        Assert.Same(context.Eks, context.EksFor("us-west-2"));
        var east = context.EksFor("us-east-1");
        Assert.Same(east, context.EksFor("us-east-1"));
        Assert.NotSame(context.Eks, east);
        Assert.Equal("eks.us-east-1.amazonaws.com", east.Endpoint.BaseUri.Host);
        Assert.Equal("us-east-1", east.Endpoint.SigningRegion);
        Assert.Equal("us-west-2", context.RegionOr(null));
        Assert.Equal("eu-west-1", context.RegionOr("eu-west-1"));
    }

    [Fact]
    public async Task The_association_checks_get_the_switches_and_the_callers_partition()
    {
        var (_, plain) = await ConfigureAsync(new FakeAws(), Config(StaticKeys));
        Assert.Equal(new PodIdentity.Provider.Checks.CheckSettings(), plain!.AssociationChecks!.Settings);
        Assert.Equal("aws", plain.AssociationChecks.Partition);

        // GetCallerIdentity, not the region, says where the credentials live.
        var gov = new FakeAws((_, _, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent("""
                <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>
                  <Arn>arn:aws-us-gov:iam::123456789012:user/tester</Arn><UserId>AIDATEST</UserId><Account>123456789012</Account>
                </GetCallerIdentityResult></GetCallerIdentityResponse>
                """, System.Text.Encoding.UTF8, "text/xml"),
        }));
        var (_, context) = await ConfigureAsync(gov, Config(
            [.. StaticKeys, ("skip_pod_identity_trust_check", true), ("strict_pod_identity_trust_check", true)]));
        Assert.Equal(new PodIdentity.Provider.Checks.CheckSettings(SkipTrustCheck: true, TrustFindingsAsErrors: true), context!.AssociationChecks!.Settings);
        Assert.Equal("aws-us-gov", context.AssociationChecks.Partition);
    }

    [Fact]
    public async Task Context_carries_tag_policy_and_agent_check_flag()
    {
        var (_, context) = await ConfigureAsync(new FakeAws(), Config(
            [.. StaticKeys,
             ("skip_pod_identity_agent_check", true),
             ("ignore_tags", Block("ignore_tags", ("keys", new[] { "owner" }), ("key_prefixes", new[] { "kubernetes.io/" })))]));
        Assert.True(context!.SkipPodIdentityAgentCheck);
        Assert.True(context.TagPolicy.IsIgnored("owner"));
        Assert.True(context.TagPolicy.IsIgnored("kubernetes.io/x"));
    }

    [Fact]
    public async Task Cancellation_reaches_the_sts_call()
    {
        var started = new TaskCompletionSource();
        var aws = new FakeAws(async (_, _, token) =>
        {
            started.SetResult();
            await Task.Delay(Timeout.Infinite, token);
            throw new InvalidOperationException("unreachable");
        });
        using var cts = new CancellationTokenSource();
        var configure = ConfigureAsync(aws, Config([.. StaticKeys, ("max_retries", 0)]), token: cts.Token);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => configure).WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Unreadable_ca_bundle_is_an_error_on_custom_ca_bundle()
    {
        var bundle = Path.GetTempFileName();
        await File.WriteAllTextAsync(bundle, "-----BEGIN CERTIFICATE-----\nAAAAAAAA\n-----END CERTIFICATE-----\n");
        try
        {
            // No fake handler: the bundle is only read by the real one, and only when some endpoint is HTTPS.
            // A closed local port keeps a miss fast.
            var provider = new AwsProvider(() => TestEnvironment.Create(("AWS_ENDPOINT_URL", "https://127.0.0.1:1")), null);
            var response = new ProviderConfigureResponse();
            await provider.ConfigureAsync(new ProviderConfigureRequest { Config = Config([.. StaticKeys, ("max_retries", 0), ("custom_ca_bundle", bundle)]) }, response, default);
            var d = Assert.Single(response.Diagnostics);
            Assert.Equal(AttributePath.Root.Attribute("custom_ca_bundle"), d.Path);
            Assert.Null(response.ProviderData);
        }
        finally
        {
            File.Delete(bundle);
        }
    }

    [Fact]
    public async Task A_ca_bundle_is_not_read_when_every_endpoint_is_plain_http()
    {
        var bundle = Path.GetTempFileName();
        await File.WriteAllTextAsync(bundle, "-----BEGIN CERTIFICATE-----\nAAAAAAAA\n-----END CERTIFICATE-----\n");
        try
        {
            var provider = new AwsProvider(() => TestEnvironment.Create(("AWS_ENDPOINT_URL", "http://127.0.0.1:1")), null);
            var response = new ProviderConfigureResponse();
            await provider.ConfigureAsync(new ProviderConfigureRequest { Config = Config([.. StaticKeys, ("max_retries", 0), ("custom_ca_bundle", bundle)]) }, response, default);

            // The closed port fails the account check; nothing blames the bundle nobody needed.
            Assert.NotEmpty(response.Diagnostics);
            Assert.DoesNotContain(response.Diagnostics, d => d.Path == AttributePath.Root.Attribute("custom_ca_bundle"));
        }
        finally
        {
            File.Delete(bundle);
        }
    }

    [Fact]
    public async Task Every_type_is_configured_once_with_the_providers_context()
    {
        var provider = new AwsProvider(() => TestEnvironment.Create(), null);
        var resource = provider.Resources[0];
        var unconfigured = await Assert.ThrowsAsync<InvalidOperationException>(() => resource.ReadAsync(
            new ReadRequest { State = CtyValue.Null(resource.Schema.Type) }, new ReadResponse { State = CtyValue.Null(resource.Schema.Type) }, CancellationToken.None));
        Assert.Contains("not configured", unconfigured.Message);
        Assert.All(provider.Resources, r => Assert.IsAssignableFrom<IResourceWithConfigure>(r));
        Assert.All(provider.DataSources, d => Assert.IsAssignableFrom<IDataSourceWithConfigure>(d));
    }

    private static async Task<(ProviderConfigureResponse Response, AwsProviderContext? Context)> ConfigureAsync(
        FakeAws aws, CtyValue config, Dictionary<string, string>? env = null, CancellationToken token = default)
    {
        env ??= TestEnvironment.Create();
        var provider = new AwsProvider(() => env, new AwsClientOptions { Handler = aws, Delay = (_, _) => Task.CompletedTask });
        var response = new ProviderConfigureResponse();
        await provider.ConfigureAsync(new ProviderConfigureRequest { Config = config, TerraformVersion = "1.11.4" }, response, token);
        return (response, response.ProviderData as AwsProviderContext);
    }
}
