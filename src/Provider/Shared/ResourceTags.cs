using PodIdentity.Plugin.Values;

namespace PodIdentity.Provider.Shared;

/// <summary>
/// <c>tags</c> and <c>tags_all</c> under the provider's tag policy: default tags merge under the resource's own,
/// ignored keys are never sent, changed or read back, and tags coming from default_tags do not show up as drift in
/// <c>tags</c>.
/// </summary>
internal static class ResourceTags
{
    private static readonly MapType StringMap = CtyType.Map(CtyType.String);

    /// <summary>The planned tags_all; unknown while any configured tag is unknown.</summary>
    public static CtyValue PlanTagsAll(CtyValue configTags, TagPolicy policy)
    {
        if (!configTags.IsWhollyKnown)
        {
            return CtyValue.Unknown(StringMap);
        }

        return ToMap(policy.MergeWithDefaults(Known(configTags)));
    }

    /// <summary>What TagResource and UntagResource must do to turn <paramref name="current"/> into <paramref name="desired"/>.</summary>
    public static (IReadOnlyDictionary<string, string> Set, IReadOnlyList<string> Remove) Diff(
        IReadOnlyDictionary<string, string> current, IReadOnlyDictionary<string, string> desired, TagPolicy policy)
    {
        var set = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in desired)
        {
            if (!policy.IsIgnored(key) && (!current.TryGetValue(key, out var old) || old != value))
            {
                set[key] = value;
            }
        }

        var remove = current.Keys.Where(k => !desired.ContainsKey(k) && !policy.IsIgnored(k)).Order(StringComparer.Ordinal).ToList();
        return (set, remove);
    }

    /// <summary>
    /// tags and tags_all from the tags AWS reports. A key that matches a default tag counts as the provider's unless
    /// the resource's own tags had it; keys the policy ignores keep whatever the prior tags said.
    /// </summary>
    public static (CtyValue Tags, CtyValue TagsAll) FromRemote(IReadOnlyDictionary<string, string>? remote, CtyValue priorTags, TagPolicy policy)
    {
        var visible = policy.RemoveIgnored(remote ?? new Dictionary<string, string>());
        var prior = priorTags.IsKnown && !priorTags.IsNull ? Known(priorTags) : null;
        var own = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in visible)
        {
            var fromDefaults = policy.DefaultTags.TryGetValue(key, out var d) && d == value;
            if (!fromDefaults || (prior?.ContainsKey(key) ?? false))
            {
                own[key] = value;
            }
        }

        foreach (var (key, value) in prior ?? new Dictionary<string, string>())
        {
            if (policy.IsIgnored(key))
            {
                own[key] = value;
            }
        }

        // No tags configured and none found: stay null rather than show a null -> {} difference.
        var tags = own.Count == 0 && prior is null ? CtyValue.Null(StringMap) : ToMap(own);
        return (tags, ToMap(visible));
    }

    public static CtyValue ToMap(IEnumerable<KeyValuePair<string, string>> tags) =>
        CtyValue.Map(CtyType.String, tags.Select(kv => KeyValuePair.Create(kv.Key, CtyValue.String(kv.Value))));

    /// <summary>The known, non-null entries of a map value (empty for null or unknown).</summary>
    public static Dictionary<string, string> Known(CtyValue map)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (map.IsNull || !map.IsKnown)
        {
            return result;
        }

        foreach (var (key, value) in map.MapEntries)
        {
            if (value.IsKnown && !value.IsNull)
            {
                result[key] = value.AsString();
            }
        }

        return result;
    }
}
