namespace PodIdentity.Provider.Addons;

/// <summary>An add-on import id: <c>cluster_name:addon_name</c>, optionally suffixed <c>@region</c>.</summary>
internal sealed record AddonImportId(string ClusterName, string AddonName, string? Region)
{
    /// <summary>Null (with <paramref name="problem"/>) when the id is not in that form.</summary>
    public static AddonImportId? Parse(string id, out string problem)
    {
        problem = "";
        var text = id;
        string? region = null;
        var at = text.LastIndexOf('@');
        if (at >= 0)
        {
            region = text[(at + 1)..];
            text = text[..at];
            if (region.Length == 0 || region.Any(char.IsWhiteSpace))
            {
                problem = "the region after \"@\" is empty or has spaces.";
                return null;
            }
        }

        var parts = text.Split(':');
        if (parts.Length != 2)
        {
            problem = $"expected 2 colon-separated parts, got {parts.Length}.";
            return null;
        }

        if (parts.Any(p => p.Length == 0 || p.Trim() != p || p.Contains(',', StringComparison.Ordinal)))
        {
            problem = "a part is empty or has spaces or commas.";
            return null;
        }

        return new AddonImportId(parts[0], parts[1], region);
    }
}
