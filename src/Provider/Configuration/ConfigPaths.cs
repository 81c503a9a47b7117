using System.Globalization;
using PodIdentity.Plugin.Values;

namespace PodIdentity.Provider.Configuration;

/// <summary>Turns Aws.Clients' flat attribute names (<c>endpoints.0.eks</c>) into attribute paths.</summary>
internal static class ConfigPaths
{
    public static AttributePath Parse(string flat)
    {
        var path = AttributePath.Root;
        foreach (var part in flat.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            path = long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                ? path.Index(index)
                : path.Attribute(part);
        }

        return path;
    }
}
