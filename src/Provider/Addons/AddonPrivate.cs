using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PodIdentity.Provider.Addons;

/// <summary>
/// The add-on's private state: a small JSON object Terraform stores beside the state but never shows. It holds the
/// namespace EKS reports, so a plan can tell a namespace_config that merely records where an imported add-on already
/// runs from one that moves it. Keys this class does not own are kept as they are.
/// </summary>
internal static class AddonPrivate
{
    private const string NamespaceKey = "namespace";

    /// <summary>The namespace recorded by the last read, create or update; null when none was recorded.</summary>
    public static string? RemoteNamespace(byte[]? data) =>
        Parse(data)?[NamespaceKey] is JsonValue v && v.TryGetValue<string>(out var ns) && ns.Length > 0 ? ns : null;

    /// <summary><paramref name="data"/> with the namespace EKS reported (removed when it reported none).</summary>
    public static byte[]? WithRemoteNamespace(byte[]? data, string? ns)
    {
        var root = Parse(data) ?? [];
        if (string.IsNullOrEmpty(ns))
        {
            root.Remove(NamespaceKey);
        }
        else
        {
            root[NamespaceKey] = ns;
        }

        return root.Count == 0 ? null : Encoding.UTF8.GetBytes(root.ToJsonString());
    }

    // Anything that is not a JSON object (none yet, or written by an older build) counts as empty.
    private static JsonObject? Parse(byte[]? data)
    {
        if (data is null || data.Length == 0)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(data) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
