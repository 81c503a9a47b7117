using System.Text.RegularExpressions;
using PodIdentity.Plugin.Framework;
using PodIdentity.Plugin.Values;

namespace PodIdentity.Provider.Shared;

/// <summary>
/// Plan-time checks for pod identity association arguments, mirroring what EKS and IAM accept, so a bad value is
/// reported on its own line before any API call.
/// </summary>
internal static partial class EksValidators
{
    public const int MaxTags = 50;

    public static IValueValidator ClusterName { get; } = new StringRule(
        "must be 1-100 characters: letters, digits, hyphens and underscores, starting with a letter or digit",
        s => s.Length is >= 1 and <= 100 && ClusterNamePattern().IsMatch(s));

    public static IValueValidator Namespace { get; } = new StringRule(
        "must be a Kubernetes namespace name (an RFC 1123 label): at most 63 lowercase letters, digits and hyphens, "
        + "starting and ending with a letter or digit",
        s => s.Length is >= 1 and <= 63 && LabelPattern().IsMatch(s));

    public static IValueValidator ServiceAccount { get; } = new StringRule(
        "must be a Kubernetes service account name (an RFC 1123 subdomain): at most 253 characters, dot-separated "
        + "lowercase labels of letters, digits and hyphens",
        s => s.Length is >= 1 and <= 253 && SubdomainPattern().IsMatch(s));

    public static IValueValidator RoleArn { get; } = new StringRule(
        "must be an IAM role ARN like arn:aws:iam::123456789012:role/name (partition aws, aws-cn or aws-us-gov, "
        + "service iam, empty region, a 12-digit account, and a role/ resource)",
        IsRoleArn);

    /// <summary>The tags rule; <paramref name="taggedObject"/> names what is tagged in messages (e.g. "an add-on").</summary>
    public static IValueValidator Tags(string taggedObject) => new TagRules(taggedObject);

    public static IValueValidator PolicyJson { get; } = new PolicyRule();

    public static bool IsRoleArn(string s) => RoleArnPattern().IsMatch(s);

    /// <summary>The tag key problem, or null when EKS accepts the key.</summary>
    public static string? TagKeyProblem(string key) =>
        key.Length is < 1 or > 128 ? "tag keys must be 1-128 characters long"
        : key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase) ? "tag keys must not start with \"aws:\" (reserved for AWS)"
        : null;

    [GeneratedRegex("^[0-9A-Za-z][A-Za-z0-9_-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex ClusterNamePattern();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex LabelPattern();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", RegexOptions.CultureInvariant)]
    private static partial Regex SubdomainPattern();

    // IAM role names: 1-64 of [\w+=,.@-]; paths are /, or /segments/ of printable ASCII without spaces.
    [GeneratedRegex(@"^arn:aws(-cn|-us-gov)?:iam::[0-9]{12}:role/([\x21-\x7E]+/)?[A-Za-z0-9+=,.@_-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex RoleArnPattern();

    private sealed class StringRule(string description, Func<string, bool> accept) : IValueValidator
    {
        public string Description => description;

        public void Validate(AttributePath path, CtyValue value, Diagnostics diagnostics)
        {
            var s = value.AsString();
            if (!accept(s))
            {
                diagnostics.AddError("Invalid Attribute Value", $"{path} {description}; got \"{s}\".", path);
            }
        }
    }

    private sealed class TagRules(string taggedObject) : IValueValidator
    {
        public string Description =>
            $"at most {MaxTags} tags (with the provider's default_tags); keys 1-128 characters without the \"aws:\" prefix, values up to 256 characters";

        public void Validate(AttributePath path, CtyValue value, Diagnostics diagnostics)
        {
            var entries = value.MapEntries;
            if (entries.Count > MaxTags)
            {
                diagnostics.AddError("Too Many Tags", $"EKS allows at most {MaxTags} tags on {taggedObject}; {path} has {entries.Count}.", path);
            }

            foreach (var (key, element) in entries)
            {
                if (TagKeyProblem(key) is { } problem)
                {
                    diagnostics.AddError("Invalid Tag Key", $"{problem}; got \"{key}\".", path.Key(key));
                }

                if (element.IsKnown && !element.IsNull && element.AsString().Length > 256)
                {
                    diagnostics.AddError("Invalid Tag Value", $"the value of tag \"{key}\" is longer than 256 characters.", path.Key(key));
                }
            }
        }
    }

    private sealed class PolicyRule : IValueValidator
    {
        public string Description => "must be an IAM policy document: a JSON object";

        public void Validate(AttributePath path, CtyValue value, Diagnostics diagnostics)
        {
            if (PolicyDocument.Problem(value.AsString()) is { } problem)
            {
                diagnostics.AddError("Invalid Policy Document", $"{path} must be a JSON object (an IAM policy document): {problem}", path);
            }
        }
    }
}
