using PodIdentity.Aws.Clients;
using PodIdentity.Plugin.Framework;
using PodIdentity.Plugin.Values;
using PodIdentity.Provider.Checks;

namespace PodIdentity.Provider.Configuration;

/// <summary>
/// The provider block as plain values: the AWS part for Aws.Clients, and the provider-only settings. Unknown values
/// (provider configuration that depends on resources not yet applied) read as "not set".
/// </summary>
internal sealed record ProviderSettings(
    AwsProviderConfig Aws,
    IReadOnlyDictionary<string, string>? DefaultTags,
    IReadOnlyList<string>? IgnoreKeys,
    IReadOnlyList<string>? IgnoreKeyPrefixes,
    bool SkipPodIdentityAgentCheck,
    CheckSettings AssociationChecks)
{
    public static ProviderSettings Read(CtyValue config)
    {
        if (config.IsNull || !config.IsKnown)
        {
            return new ProviderSettings(new AwsProviderConfig(), null, null, null, false, new CheckSettings());
        }

        var assumeRole = FirstBlock(config, "assume_role");
        var webIdentity = FirstBlock(config, "assume_role_with_web_identity");
        var endpoints = FirstBlock(config, "endpoints");
        var defaultTags = FirstBlock(config, "default_tags");
        var ignoreTags = FirstBlock(config, "ignore_tags");

        var aws = new AwsProviderConfig
        {
            Region = NonEmpty(config.GetString("region")),
            AccessKey = NonEmpty(config.GetString("access_key")),
            SecretKey = NonEmpty(config.GetString("secret_key")),
            Token = NonEmpty(config.GetString("token")),
            Profile = NonEmpty(config.GetString("profile")),
            SharedConfigFiles = config.GetStringList("shared_config_files"),
            SharedCredentialsFiles = config.GetStringList("shared_credentials_files"),
            // An assume_role block without a role ARN assumes nothing, as upstream.
            AssumeRole = assumeRole is { } ar && NonEmpty(ar.GetString("role_arn")) is { } roleArn
                ? new AssumeRoleConfig
                {
                    RoleArn = roleArn,
                    SessionName = NonEmpty(ar.GetString("session_name")),
                    ExternalId = NonEmpty(ar.GetString("external_id")),
                    Duration = NonEmpty(ar.GetString("duration")),
                    Policy = NonEmpty(ar.GetString("policy")),
                    Tags = ar.GetStringMap("tags"),
                    TransitiveTagKeys = ar.GetStringList("transitive_tag_keys"),
                }
                : null,
            AssumeRoleWithWebIdentity = webIdentity is { } wi
                ? new AssumeRoleWithWebIdentityConfig
                {
                    RoleArn = NonEmpty(wi.GetString("role_arn")),
                    SessionName = NonEmpty(wi.GetString("session_name")),
                    WebIdentityToken = NonEmpty(wi.GetString("web_identity_token")),
                    WebIdentityTokenFile = NonEmpty(wi.GetString("web_identity_token_file")),
                    Duration = NonEmpty(wi.GetString("duration")),
                }
                : null,
            Endpoints = endpoints is { } ep
                ? new EndpointsConfig
                {
                    Eks = NonEmpty(ep.GetString("eks")),
                    Iam = NonEmpty(ep.GetString("iam")),
                    Sts = NonEmpty(ep.GetString("sts")),
                }
                : null,
            SkipCredentialsValidation = config.GetBool("skip_credentials_validation"),
            SkipRequestingAccountId = config.GetBool("skip_requesting_account_id"),
            SkipRegionValidation = config.GetBool("skip_region_validation"),
            SkipMetadataApiCheck = config.GetBool("skip_metadata_api_check"),
            MaxRetries = MaxRetries(config),
            RetryMode = NonEmpty(config.GetString("retry_mode")),
            AllowedAccountIds = config.GetStringList("allowed_account_ids"),
            ForbiddenAccountIds = config.GetStringList("forbidden_account_ids"),
            CustomCaBundle = NonEmpty(config.GetString("custom_ca_bundle")),
            HttpProxy = NonEmpty(config.GetString("http_proxy")),
            HttpsProxy = NonEmpty(config.GetString("https_proxy")),
            NoProxy = NonEmpty(config.GetString("no_proxy")),
            Insecure = config.GetBool("insecure"),
        };

        return new ProviderSettings(
            aws,
            defaultTags?.GetStringMap("tags"),
            ignoreTags?.GetStringList("keys"),
            ignoreTags?.GetStringList("key_prefixes"),
            config.GetBool("skip_pod_identity_agent_check") ?? false,
            new CheckSettings(
                SkipTrustCheck: config.GetBool("skip_pod_identity_trust_check") ?? false,
                TrustFindingsAsErrors: config.GetBool("strict_pod_identity_trust_check") ?? false));
    }

    /// <summary>The single element of a list block of at most one item, when present and known.</summary>
    internal static CtyValue? FirstBlock(CtyValue config, string name)
    {
        var blocks = config.GetAttribute(name);
        if (blocks.IsNull || !blocks.IsKnown || blocks.Count == 0)
        {
            return null;
        }

        var first = blocks.Elements[0];
        return first.IsNull || !first.IsKnown ? null : first;
    }

    private static int? MaxRetries(CtyValue config)
    {
        var v = config.GetAttribute("max_retries");
        if (v.IsNull || !v.IsKnown)
        {
            return null;
        }

        // Validation rejects fractions and negatives; clamp here so configure never throws on odd input.
        return v.AsNumber().TryGetInt64(out var n) ? (int)Math.Clamp(n, int.MinValue, int.MaxValue) : null;
    }

    private static string? NonEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
