namespace PodIdentity.Provider.Shared;

/// <summary>
/// Provider-wide tag rules, as in the official AWS provider: <c>default_tags</c> are merged under every resource's
/// own tags to form <c>tags_all</c>, and <c>ignore_tags</c> keys (exact or by prefix) are neither planned nor read
/// back. AWS-reserved <c>aws:</c> keys are always ignored because they cannot be managed.
/// </summary>
public sealed class TagPolicy
{
    private const string SystemPrefix = "aws:";

    private readonly HashSet<string> _ignoreKeys;

    public TagPolicy(
        IReadOnlyDictionary<string, string>? defaultTags = null,
        IEnumerable<string>? ignoreKeys = null,
        IEnumerable<string>? ignoreKeyPrefixes = null)
    {
        DefaultTags = new SortedDictionary<string, string>(
            (defaultTags ?? new Dictionary<string, string>()).ToDictionary(StringComparer.Ordinal), StringComparer.Ordinal);
        _ignoreKeys = new HashSet<string>(ignoreKeys ?? [], StringComparer.Ordinal);
        IgnoreKeys = _ignoreKeys.Order(StringComparer.Ordinal).ToArray();
        IgnoreKeyPrefixes = (ignoreKeyPrefixes ?? []).Where(p => p.Length > 0).Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>No default tags and nothing ignored beyond <c>aws:</c> keys.</summary>
    public static TagPolicy None { get; } = new();

    /// <summary>Configured default_tags merged over <c>TF_AWS_DEFAULT_TAGS_*</c>, sorted by key.</summary>
    public IReadOnlyDictionary<string, string> DefaultTags { get; }

    public IReadOnlyList<string> IgnoreKeys { get; }

    public IReadOnlyList<string> IgnoreKeyPrefixes { get; }

    /// <summary>True when <paramref name="key"/> must not be managed: listed, under a listed prefix, or <c>aws:</c>.</summary>
    public bool IsIgnored(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.StartsWith(SystemPrefix, StringComparison.Ordinal) || _ignoreKeys.Contains(key))
        {
            return true;
        }

        foreach (var prefix in IgnoreKeyPrefixes)
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// <c>tags_all</c>: default tags overlaid with <paramref name="resourceTags"/> (the resource's value wins),
    /// ignored keys removed. Null resource tags mean "defaults only".
    /// </summary>
    public IReadOnlyDictionary<string, string> MergeWithDefaults(IReadOnlyDictionary<string, string>? resourceTags)
    {
        var merged = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in DefaultTags)
        {
            merged[key] = value;
        }

        foreach (var (key, value) in resourceTags ?? new Dictionary<string, string>())
        {
            merged[key] = value;
        }

        return RemoveIgnored(merged);
    }

    /// <summary>A copy of <paramref name="tags"/> without ignored keys (e.g. tags read back from AWS).</summary>
    public IReadOnlyDictionary<string, string> RemoveIgnored(IReadOnlyDictionary<string, string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in tags)
        {
            if (!IsIgnored(key))
            {
                result[key] = value;
            }
        }

        return result;
    }
}
