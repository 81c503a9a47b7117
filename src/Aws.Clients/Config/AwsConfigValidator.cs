using System.Text.RegularExpressions;

namespace PodIdentity.Aws.Clients;

/// <summary>Pure checks for configuration that cannot work; no I/O except whether a named CA bundle exists.</summary>
internal static partial class AwsConfigValidator
{
    public static readonly string[] RetryModes = ["standard", "adaptive"];

    // Assume-role session limits enforced by STS; failing early gives a clearer message than STS would.
    private static readonly TimeSpan MinSession = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan MaxSession = TimeSpan.FromHours(12);

    public static IReadOnlyList<ConfigProblem> Validate(AwsProviderConfig c)
    {
        var problems = new List<ConfigProblem>();
        void Add(string attribute, string summary, string detail) => problems.Add(new(attribute, summary, detail));

        if (string.IsNullOrWhiteSpace(c.Region))
        {
            Add("region", "Missing region",
                "Set region in the provider block, AWS_REGION or AWS_DEFAULT_REGION, or region in the shared config profile.");
        }
        else if (c.SkipRegionValidation != true && !RegionPattern().IsMatch(c.Region))
        {
            Add("region", "Invalid region",
                $"\"{c.Region}\" is not an AWS region name; set skip_region_validation to use it anyway.");
        }

        if (!string.IsNullOrEmpty(c.AccessKey) && string.IsNullOrEmpty(c.SecretKey))
        {
            Add("secret_key", "Incomplete static credentials", "access_key is set but secret_key is not.");
        }
        else if (string.IsNullOrEmpty(c.AccessKey) && !string.IsNullOrEmpty(c.SecretKey))
        {
            Add("access_key", "Incomplete static credentials", "secret_key is set but access_key is not.");
        }

        CheckUrl(problems, "endpoints.0.eks", c.Endpoints?.Eks);
        CheckUrl(problems, "endpoints.0.iam", c.Endpoints?.Iam);
        CheckUrl(problems, "endpoints.0.sts", c.Endpoints?.Sts);
        CheckUrl(problems, "http_proxy", c.HttpProxy);
        CheckUrl(problems, "https_proxy", c.HttpsProxy);

        if (c.RetryMode is not null && !RetryModes.Contains(c.RetryMode))
        {
            Add("retry_mode", "Invalid retry mode",
                $"\"{c.RetryMode}\" is not one of: {string.Join(", ", RetryModes)}.");
        }

        if (c.MaxRetries is < 0)
        {
            Add("max_retries", "Invalid max_retries", "max_retries must be zero or more.");
        }

        if (c.AllowedAccountIds is { Count: > 0 } && c.ForbiddenAccountIds is { Count: > 0 })
        {
            Add("allowed_account_ids", "Conflicting account lists",
                "allowed_account_ids and forbidden_account_ids cannot both be set.");
        }

        if (!string.IsNullOrEmpty(c.CustomCaBundle) && !File.Exists(c.CustomCaBundle))
        {
            Add("custom_ca_bundle", "CA bundle not found", $"The file \"{c.CustomCaBundle}\" does not exist.");
        }

        if (c.AssumeRole is { } ar)
        {
            if (string.IsNullOrWhiteSpace(ar.RoleArn))
            {
                Add("assume_role.0.role_arn", "Missing role ARN", "assume_role needs role_arn.");
            }

            CheckDuration(problems, "assume_role.0.duration", ar.Duration);
        }

        if (c.AssumeRoleWithWebIdentity is { } wi)
        {
            if (string.IsNullOrWhiteSpace(wi.RoleArn))
            {
                Add("assume_role_with_web_identity.0.role_arn", "Missing role ARN",
                    "assume_role_with_web_identity needs role_arn.");
            }

            var hasToken = !string.IsNullOrEmpty(wi.WebIdentityToken);
            var hasFile = !string.IsNullOrEmpty(wi.WebIdentityTokenFile);
            if (hasToken == hasFile)
            {
                Add("assume_role_with_web_identity.0.web_identity_token",
                    hasToken ? "Conflicting web identity token" : "Missing web identity token",
                    "Set exactly one of web_identity_token and web_identity_token_file.");
            }

            CheckDuration(problems, "assume_role_with_web_identity.0.duration", wi.Duration);
        }

        return problems;
    }

    private static void CheckUrl(List<ConfigProblem> problems, string attribute, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https")
            || string.IsNullOrEmpty(uri.Host))
        {
            problems.Add(new(attribute, "Invalid URL", $"\"{value}\" is not an absolute http or https URL."));
        }
    }

    private static void CheckDuration(List<ConfigProblem> problems, string attribute, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        if (!GoDuration.TryParse(value, out var d))
        {
            problems.Add(new(attribute, "Invalid duration",
                $"\"{value}\" is not a duration; use a number with a unit such as 1h, 30m or 1h30m."));
        }
        else if (d < MinSession || d > MaxSession)
        {
            problems.Add(new(attribute, "Duration out of range",
                $"\"{value}\" must be between 15m and 12h."));
        }
    }

    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]+$")]
    private static partial Regex RegionPattern();
}
