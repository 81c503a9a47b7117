using PodIdentity.Provider.Shared;
namespace PodIdentity.Provider.Configuration;

/// <summary>
/// The official provider's tag environment variables: <c>TF_AWS_DEFAULT_TAGS_&lt;key&gt;=&lt;value&gt;</c> adds a
/// default tag (the provider block's default_tags win on the same key); <c>TF_AWS_IGNORE_TAGS_KEYS</c> and
/// <c>TF_AWS_IGNORE_TAGS_KEY_PREFIXES</c> are comma-separated and add to ignore_tags.
/// </summary>
internal static class TagEnvironment
{
    public const string DefaultTagsPrefix = "TF_AWS_DEFAULT_TAGS_";
    public const string IgnoreKeysVariable = "TF_AWS_IGNORE_TAGS_KEYS";
    public const string IgnoreKeyPrefixesVariable = "TF_AWS_IGNORE_TAGS_KEY_PREFIXES";

    public static TagPolicy Build(
        IReadOnlyDictionary<string, string>? configuredDefaults,
        IReadOnlyList<string>? configuredIgnoreKeys,
        IReadOnlyList<string>? configuredIgnorePrefixes,
        IReadOnlyDictionary<string, string> environment)
    {
        var defaults = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in environment)
        {
            if (name.Length > DefaultTagsPrefix.Length && name.StartsWith(DefaultTagsPrefix, StringComparison.Ordinal))
            {
                defaults[name[DefaultTagsPrefix.Length..]] = value;
            }
        }

        foreach (var (key, value) in configuredDefaults ?? new Dictionary<string, string>())
        {
            defaults[key] = value;
        }

        return new TagPolicy(
            defaults,
            (configuredIgnoreKeys ?? []).Concat(Split(environment, IgnoreKeysVariable)),
            (configuredIgnorePrefixes ?? []).Concat(Split(environment, IgnoreKeyPrefixesVariable)));
    }

    private static IEnumerable<string> Split(IReadOnlyDictionary<string, string> environment, string name) =>
        environment.TryGetValue(name, out var value)
            ? value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            : [];
}
