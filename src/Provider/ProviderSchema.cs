using PodIdentity.Plugin.Framework;
using PodIdentity.Plugin.Values;

namespace PodIdentity.Provider;

/// <summary>
/// The provider block, with the official AWS provider's argument names and nesting (list blocks of at most one
/// item where upstream has blocks), plus our own <c>skip_pod_identity_agent_check</c>,
/// <c>skip_pod_identity_trust_check</c> and <c>strict_pod_identity_trust_check</c>. Descriptions feed the docs.
/// </summary>
internal static class ProviderSchema
{
    public static Schema Instance { get; } = Build();

    private static Schema Build() => new()
    {
        Description = "The AWS provider for Amazon EKS Pod Identity: pod identity associations and the "
            + "eks-pod-identity-agent add-on. Arguments and environment variables follow the official AWS provider.",
        Attributes =
        [
            Str("region", "The AWS region, e.g. `us-west-2`. Falls back to `AWS_REGION`, `AWS_DEFAULT_REGION`, then the "
                + "shared config profile's `region`."),
            Str("access_key", "The AWS access key id for static credentials. Falls back to `AWS_ACCESS_KEY_ID`. "
                + "Cannot be combined with `profile`."),
            Str("secret_key", "The AWS secret access key for static credentials. Falls back to `AWS_SECRET_ACCESS_KEY`.", sensitive: true),
            Str("token", "The session token for temporary static credentials. Falls back to `AWS_SESSION_TOKEN`.", sensitive: true),
            Str("profile", "The shared config/credentials profile to use. Falls back to `AWS_PROFILE`."),
            StrList("shared_config_files", "Paths of shared config files. Defaults to `AWS_CONFIG_FILE` or `~/.aws/config`."),
            StrList("shared_credentials_files", "Paths of shared credentials files. Defaults to `AWS_SHARED_CREDENTIALS_FILE` "
                + "or `~/.aws/credentials`."),
            Bool("skip_credentials_validation", "Skip checking the credentials with STS GetCallerIdentity during configure."),
            Bool("skip_requesting_account_id", "Do not determine the AWS account id; resources that build ARNs from it "
                + "then need the ARN from AWS."),
            Bool("skip_region_validation", "Accept a region name that does not look like an AWS region (e.g. for "
                + "AWS-compatible endpoints)."),
            Bool("skip_metadata_api_check", "Do not use the EC2 instance metadata service for credentials. Falls back to "
                + "`AWS_EC2_METADATA_DISABLED`."),
            new SchemaAttribute
            {
                Name = "max_retries",
                Type = CtyType.Number,
                Optional = true,
                Description = "How many times a retryable AWS call is retried (0 or more). Defaults to 25; falls back to "
                    + "`AWS_MAX_ATTEMPTS` minus one.",
            },
            Str("retry_mode", "How retries are spaced: `standard` or `adaptive`. Falls back to `AWS_RETRY_MODE`."),
            StrSet("allowed_account_ids", "The only AWS account ids the provider may work in. Conflicts with "
                + "`forbidden_account_ids`."),
            StrSet("forbidden_account_ids", "AWS account ids the provider must refuse to work in. Conflicts with "
                + "`allowed_account_ids`."),
            Str("custom_ca_bundle", "Path of a PEM bundle of CA certificates to trust for AWS endpoints. Falls back to "
                + "`AWS_CA_BUNDLE`."),
            Str("http_proxy", "Proxy URL for HTTP requests. Falls back to `HTTP_PROXY`."),
            Str("https_proxy", "Proxy URL for HTTPS requests. Falls back to `HTTPS_PROXY`."),
            Str("no_proxy", "Comma-separated hosts that bypass the proxy. Falls back to `NO_PROXY`."),
            Bool("insecure", "Skip TLS certificate verification of AWS endpoints. Only for test endpoints."),
            Bool("skip_pod_identity_agent_check", "Do not warn at plan time when a cluster lacks the "
                + "eks-pod-identity-agent add-on that pod identity associations need."),
            Bool("skip_pod_identity_trust_check", "Do not check at plan time that an association's role_arn trusts EKS Pod "
                + "Identity and that its target_role_arn trusts role_arn (one IAM GetRole per role)."),
            Bool("strict_pod_identity_trust_check", "Report the trust check's findings as errors that fail the plan instead of "
                + "warnings (for CI)."),
        ],
        Blocks =
        [
            Block("assume_role", "Assume an IAM role (STS AssumeRole) with the base credentials before calling AWS.",
            [
                Str("role_arn", "ARN of the role to assume. When empty, no role is assumed."),
                Str("session_name", "Session name for the assumed role."),
                Str("external_id", "External id the role's trust policy requires."),
                Str("duration", "Session duration in Go duration syntax, e.g. `1h` or `15m` (between 15m and 12h)."),
                Str("policy", "An IAM policy JSON document that further restricts the session."),
                new SchemaAttribute
                {
                    Name = "tags",
                    Type = CtyType.Map(CtyType.String),
                    Optional = true,
                    Description = "Session tags for the assumed role.",
                },
                StrSet("transitive_tag_keys", "Session tag keys passed on to roles assumed later in a chain."),
            ]),
            Block("assume_role_with_web_identity", "Assume an IAM role with an OIDC web identity token "
                + "(STS AssumeRoleWithWebIdentity).",
            [
                Str("role_arn", "ARN of the role to assume. Falls back to `AWS_ROLE_ARN`."),
                Str("session_name", "Session name for the assumed role. Falls back to `AWS_ROLE_SESSION_NAME`."),
                Str("web_identity_token", "The OIDC token. Conflicts with `web_identity_token_file`.", sensitive: true),
                Str("web_identity_token_file", "Path of a file holding the OIDC token. Falls back to "
                    + "`AWS_WEB_IDENTITY_TOKEN_FILE`."),
                Str("duration", "Session duration in Go duration syntax, e.g. `1h` (between 15m and 12h)."),
            ]),
            Block("endpoints", "Custom endpoint URLs per service, e.g. for a local emulator. Fall back to "
                + "`AWS_ENDPOINT_URL_<SERVICE>` and `AWS_ENDPOINT_URL`.",
            [
                Str("eks", "Base URL of the EKS API."),
                Str("iam", "Base URL of the IAM API."),
                Str("sts", "Base URL of the STS API."),
            ]),
            Block("default_tags", "Tags applied to every taggable resource of this provider (merged under the "
                + "resource's own `tags` into `tags_all`). `TF_AWS_DEFAULT_TAGS_<key>` variables add more.",
            [
                new SchemaAttribute
                {
                    Name = "tags",
                    Type = CtyType.Map(CtyType.String),
                    Optional = true,
                    Description = "The default tags.",
                },
            ]),
            Block("ignore_tags", "Tag keys the provider never plans or reads back (for tags managed elsewhere). "
                + "`TF_AWS_IGNORE_TAGS_KEYS` and `TF_AWS_IGNORE_TAGS_KEY_PREFIXES` (comma-separated) add more.",
            [
                StrSet("keys", "Exact tag keys to ignore."),
                StrSet("key_prefixes", "Tag key prefixes to ignore."),
            ]),
        ],
    };

    private static SchemaAttribute Str(string name, string description, bool sensitive = false) => new()
    {
        Name = name,
        Type = CtyType.String,
        Optional = true,
        Sensitive = sensitive,
        Description = description,
    };

    private static SchemaAttribute Bool(string name, string description) => new()
    {
        Name = name,
        Type = CtyType.Bool,
        Optional = true,
        Description = description,
    };

    private static SchemaAttribute StrList(string name, string description) => new()
    {
        Name = name,
        Type = CtyType.List(CtyType.String),
        Optional = true,
        Description = description,
    };

    private static SchemaAttribute StrSet(string name, string description) => new()
    {
        Name = name,
        Type = CtyType.Set(CtyType.String),
        Optional = true,
        Description = description,
    };

    // Upstream models these as lists of at most one block; keeping that makes paths like endpoints[0].eks match.
    private static SchemaBlock Block(string name, string description, IReadOnlyList<SchemaAttribute> attributes) => new()
    {
        Name = name,
        Nesting = NestingMode.List,
        MaxItems = 1,
        Description = description,
        Attributes = attributes,
    };
}
