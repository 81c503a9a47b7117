using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PodIdentity.Provider.Addons;

/// <summary>
/// Reads add-on configuration written as YAML into the same JSON tree a JSON document gives, so both can be
/// compared by value. YamlDotNet does the parsing (anchors, aliases, block and flow styles, folded and literal
/// scalars); plain scalars are typed by the YAML 1.2 core schema, quoted ones stay strings.
/// </summary>
internal static class AddonYaml
{
    /// <exception cref="FormatException">The text is not one well-formed YAML document.</exception>
    public static JsonNode? Parse(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new FormatException($"line {e.Start.Line}: {e.InnerException?.Message ?? e.Message}", e);
        }

        return stream.Documents.Count switch
        {
            0 => throw new FormatException("the document is empty."),
            1 => ToJson(stream.Documents[0].RootNode, depth: 0),
            _ => throw new FormatException("it holds several YAML documents; add-on configuration is one document."),
        };
    }

    private static JsonNode? ToJson(YamlNode node, int depth)
    {
        // Aliases may point back at their own ancestors; a bound keeps such a document from looping forever.
        if (depth > 64)
        {
            throw new FormatException("the document nests deeper than 64 levels (or an alias refers to itself).");
        }

        switch (node)
        {
            case YamlMappingNode mapping:
                var obj = new JsonObject();
                foreach (var (key, value) in mapping.Children)
                {
                    if (key is not YamlScalarNode { Value: { } name })
                    {
                        throw new FormatException($"line {key.Start.Line}: mapping keys must be plain strings.");
                    }

                    obj[name] = ToJson(value, depth + 1);
                }

                return obj;
            case YamlSequenceNode sequence:
                var array = new JsonArray();
                foreach (var item in sequence.Children)
                {
                    array.Add(ToJson(item, depth + 1));
                }

                return array;
            case YamlScalarNode scalar:
                return Scalar(scalar);
            default:
                throw new FormatException($"line {node.Start.Line}: unsupported YAML node.");
        }
    }

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? "";
        if (scalar.Style is not ScalarStyle.Plain)
        {
            return JsonValue.Create(value);
        }

        switch (value)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
        }

        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonValue.Create(integer);
        }

        if (LooksLikeFloat(value) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return JsonValue.Create(number);
        }

        return JsonValue.Create(value);
    }

    // The core schema's float form: digits with a point or an exponent (not "1_000", "0x1F" or ".inf").
    private static bool LooksLikeFloat(string value) =>
        value.Length > 0
        && value.All(c => char.IsAsciiDigit(c) || c is '.' or 'e' or 'E' or '+' or '-')
        && value.Any(char.IsAsciiDigit);
}
