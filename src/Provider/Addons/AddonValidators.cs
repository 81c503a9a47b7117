using System.Text.RegularExpressions;
using PodIdentity.Plugin.Framework;
using PodIdentity.Plugin.Values;

namespace PodIdentity.Provider.Addons;

/// <summary>Plan-time checks of add-on arguments, so a bad value is reported on its own line before any API call.</summary>
internal static partial class AddonValidators
{
    public static IValueValidator Version { get; } = new Rule(
        "must be an add-on version: \"v\" and a semantic version, e.g. v1.3.10-eksbuild.2",
        s => VersionPattern().IsMatch(s) ? null : "");

    public static IValueValidator ConfigurationValues { get; } = new Rule(
        "must be a JSON object or a YAML mapping",
        s => AddonConfigValues.Problem(s));

    public static IValueValidator Duration { get; } = new Rule(
        "must be a duration such as \"30s\", \"20m\" or \"1h30m\"",
        s => AddonTimeouts.TryParse(s, out _) ? null : "");

    [GeneratedRegex(@"^v(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex VersionPattern();

    // problem returns null when the value is fine, else extra detail (possibly empty).
    private sealed class Rule(string description, Func<string, string?> problem) : IValueValidator
    {
        public string Description => description;

        public void Validate(AttributePath path, CtyValue value, Diagnostics diagnostics)
        {
            var s = value.AsString();
            if (problem(s) is { } detail)
            {
                var more = detail.Length == 0 ? "" : " " + detail;
                var shown = s.Length > 80 ? s[..80] + "..." : s;
                diagnostics.AddError("Invalid Attribute Value", $"{path} {description}; got \"{shown}\".{more}", path);
            }
        }
    }
}
