namespace PodIdentity.Provider.Associations;

/// <summary>
/// An import id: <c>cluster_name,association_id</c> or <c>cluster_name,namespace,service_account</c> (adopt by the
/// natural key), either optionally suffixed <c>@region</c>.
/// </summary>
internal sealed record AssociationImportId(string ClusterName, string? AssociationId, string? Namespace, string? ServiceAccount, string? Region)
{
    public const string Formats =
        "\"cluster_name,association_id\" (for example \"my-cluster,a-abcdefghijklmnopq\") or "
        + "\"cluster_name,namespace,service_account\" (for example \"my-cluster,payments,payments-api\"), "
        + "either optionally followed by \"@region\"";

    public bool ByNaturalKey => AssociationId is null;

    /// <summary>Null (with <paramref name="problem"/>) when the id has neither format.</summary>
    public static AssociationImportId? Parse(string id, out string problem)
    {
        problem = "";
        var text = id.Trim();
        string? region = null;
        var at = text.LastIndexOf('@');
        if (at >= 0)
        {
            region = text[(at + 1)..];
            text = text[..at];
            if (region.Length == 0)
            {
                problem = "the region after \"@\" is empty.";
                return null;
            }
        }

        var parts = text.Split(',');
        if (parts.Any(p => p.Length == 0 || p.Trim() != p))
        {
            problem = "a part is empty or has surrounding spaces.";
            return null;
        }

        switch (parts)
        {
            case [var cluster, var associationId]:
                return new AssociationImportId(cluster, associationId, null, null, region);
            case [var cluster, var ns, var serviceAccount]:
                return new AssociationImportId(cluster, null, ns, serviceAccount, region);
            default:
                problem = $"expected 2 or 3 comma-separated parts, got {parts.Length}.";
                return null;
        }
    }
}
