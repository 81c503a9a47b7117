using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PodIdentity.Provider.Addons;

/// <summary>
/// <c>configuration_values</c> compared by value: JSON or YAML text becomes one canonical JSON form (sorted keys, no
/// whitespace, normalised numbers), so reformatting, key order and JSON-versus-YAML never show up as a change.
/// </summary>
internal static class AddonConfigValues
{
    /// <summary>Null when the text is a JSON object or YAML mapping; otherwise why not.</summary>
    public static string? Problem(string text) =>
        Parse(text, out var problem) is JsonObject ? null : problem ?? "the document is not an object (a mapping of keys to values).";

    /// <summary>The canonical form, or null when the text is not a valid document.</summary>
    public static string? Canonical(string? text)
    {
        if (text is null)
        {
            return null;
        }

        return Parse(text, out _) is { } node ? Write(node) : null;
    }

    /// <summary>True when both are the same document (two nulls or empty strings included).</summary>
    public static bool Equivalent(string? a, string? b)
    {
        if (string.IsNullOrWhiteSpace(a) || string.IsNullOrWhiteSpace(b))
        {
            return string.IsNullOrWhiteSpace(a) && string.IsNullOrWhiteSpace(b);
        }

        return string.Equals(a, b, StringComparison.Ordinal) || (Canonical(a) is { } ca && ca == Canonical(b));
    }

    private static JsonNode? Parse(string text, out string? problem)
    {
        problem = null;
        var trimmed = text.Trim();
        if (trimmed.StartsWith('{'))
        {
            try
            {
                return JsonNode.Parse(trimmed, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false });
            }
            catch (JsonException e)
            {
                problem = "it is not valid JSON: " + e.Message;
                return null;
            }
        }

        try
        {
            return AddonYaml.Parse(text);
        }
        catch (FormatException e)
        {
            problem = "it is neither JSON nor valid YAML: " + e.Message;
            return null;
        }
    }

    private static string Write(JsonNode? node)
    {
        var sb = new StringBuilder();
        Append(sb, node);
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, JsonNode? node)
    {
        switch (node)
        {
            case null:
                sb.Append("null");
                break;
            case JsonObject o:
                sb.Append('{');
                var first = true;
                foreach (var (key, value) in o.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    sb.Append(first ? "" : ",").Append(JsonValue.Create(key).ToJsonString()).Append(':');
                    Append(sb, value);
                    first = false;
                }

                sb.Append('}');
                break;
            case JsonArray a:
                sb.Append('[');
                for (var i = 0; i < a.Count; i++)
                {
                    sb.Append(i == 0 ? "" : ",");
                    Append(sb, a[i]);
                }

                sb.Append(']');
                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.Number:
                sb.Append(decimal.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
                    ? (d / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture)
                    : v.ToJsonString());
                break;
            default:
                sb.Append(node.ToJsonString());
                break;
        }
    }
}
