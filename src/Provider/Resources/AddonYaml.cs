using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PodIdentity.Provider.Resources;

/// <summary>
/// The YAML that add-on configuration uses: block mappings and sequences, plain and quoted scalars, flow
/// collections written as JSON, literal (|) and folded (&gt;) blocks, comments. Anchors, tags and multi-document
/// streams are refused with a <see cref="FormatException"/> rather than guessed at.
/// </summary>
internal static class AddonYaml
{
    private sealed record Line(int Number, int Indent, string Text);

    public static JsonNode? Parse(string text)
    {
        var lines = new List<Line>();
        var raw = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i].Contains('\t', StringComparison.Ordinal) && raw[i].TrimStart(' ').StartsWith('\t'))
            {
                throw new FormatException($"line {i + 1}: tabs cannot indent YAML.");
            }

            var content = StripComment(raw[i]).TrimEnd();
            var trimmed = content.TrimStart(' ');
            if (trimmed.Length == 0 || (i == 0 && trimmed == "---"))
            {
                continue;
            }

            lines.Add(new Line(i + 1, content.Length - trimmed.Length, trimmed));
        }

        if (lines.Count == 0)
        {
            throw new FormatException("the document is empty.");
        }

        var pos = 0;
        var node = ParseBlock(lines, ref pos, lines[0].Indent);
        if (pos < lines.Count)
        {
            throw new FormatException($"line {lines[pos].Number}: unexpected indentation.");
        }

        return node;
    }

    private static JsonNode? ParseBlock(List<Line> lines, ref int pos, int indent)
    {
        var line = lines[pos];
        if (line.Text == "-" || line.Text.StartsWith("- ", StringComparison.Ordinal))
        {
            return ParseSequence(lines, ref pos, indent);
        }

        if (FindColon(line.Text) < 0)
        {
            if (lines.Count - pos > 1 && lines[pos + 1].Indent >= indent)
            {
                throw new FormatException($"line {line.Number}: expected \"key: value\".");
            }

            pos++;
            return Scalar(line.Text, line.Number);
        }

        return ParseMapping(lines, ref pos, indent);
    }

    private static JsonObject ParseMapping(List<Line> lines, ref int pos, int indent)
    {
        var map = new JsonObject();
        while (pos < lines.Count && lines[pos].Indent == indent)
        {
            var line = lines[pos];
            var colon = FindColon(line.Text);
            if (colon < 0)
            {
                throw new FormatException($"line {line.Number}: expected \"key: value\".");
            }

            var key = Key(line.Text[..colon].Trim(), line.Number);
            var rest = line.Text[(colon + 1)..].Trim();
            if (map.ContainsKey(key))
            {
                throw new FormatException($"line {line.Number}: duplicate key \"{key}\".");
            }

            pos++;
            map[key] = Value(lines, ref pos, indent, rest, line.Number, allowSameIndentSequence: true);
        }

        if (pos < lines.Count && lines[pos].Indent > indent)
        {
            throw new FormatException($"line {lines[pos].Number}: unexpected indentation.");
        }

        return map;
    }

    private static JsonArray ParseSequence(List<Line> lines, ref int pos, int indent)
    {
        var list = new JsonArray();
        while (pos < lines.Count && lines[pos].Indent == indent && (lines[pos].Text == "-" || lines[pos].Text.StartsWith("- ", StringComparison.Ordinal)))
        {
            var line = lines[pos];
            var rest = line.Text.Length > 1 ? line.Text[2..].TrimStart(' ') : "";
            if (rest.Length > 0 && FindColon(rest) >= 0 && !rest.StartsWith('{') && !rest.StartsWith('"') && !rest.StartsWith('\''))
            {
                // "- key: value" starts a mapping whose other keys line up with "key".
                var childIndent = indent + (line.Text.Length - rest.Length);
                lines[pos] = new Line(line.Number, childIndent, rest);
                list.Add(ParseMapping(lines, ref pos, childIndent));
                continue;
            }

            pos++;
            list.Add(Value(lines, ref pos, indent, rest, line.Number, allowSameIndentSequence: false));
        }

        return list;
    }

    private static JsonNode? Value(List<Line> lines, ref int pos, int indent, string rest, int number, bool allowSameIndentSequence)
    {
        if (rest is "|" or "|-" or ">" or ">-")
        {
            return BlockScalar(lines, ref pos, indent, rest);
        }

        if (rest.Length > 0)
        {
            return Scalar(rest, number);
        }

        if (pos < lines.Count && lines[pos].Indent > indent)
        {
            return ParseBlock(lines, ref pos, lines[pos].Indent);
        }

        if (allowSameIndentSequence && pos < lines.Count && lines[pos].Indent == indent && lines[pos].Text.StartsWith('-'))
        {
            return ParseSequence(lines, ref pos, indent);
        }

        return null;
    }

    private static JsonValue BlockScalar(List<Line> lines, ref int pos, int indent, string style)
    {
        var parts = new List<string>();
        while (pos < lines.Count && lines[pos].Indent > indent)
        {
            parts.Add(lines[pos].Text);
            pos++;
        }

        var text = string.Join(style.StartsWith('|') ? "\n" : " ", parts);
        return JsonValue.Create(style.EndsWith('-') ? text : text + "\n");
    }

    private static string Key(string text, int number) =>
        Scalar(text, number) is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : text;

    private static JsonNode? Scalar(string text, int number)
    {
        if (text.StartsWith('&') || text.StartsWith('*') || text.StartsWith('!'))
        {
            throw new FormatException($"line {number}: anchors, aliases and tags are not supported in configuration values.");
        }

        if (text.StartsWith('"') || text.StartsWith('{') || text.StartsWith('['))
        {
            try
            {
                return JsonNode.Parse(text);
            }
            catch (JsonException)
            {
                throw new FormatException($"line {number}: {text} is not a valid quoted string or flow collection.");
            }
        }

        if (text.StartsWith('\''))
        {
            if (text.Length < 2 || !text.EndsWith('\''))
            {
                throw new FormatException($"line {number}: unterminated quoted string.");
            }

            return JsonValue.Create(text[1..^1].Replace("''", "'", StringComparison.Ordinal));
        }

        switch (text)
        {
            case "null" or "Null" or "NULL" or "~":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
        }

        if (decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var d)
            && (char.IsDigit(text[0]) || text[0] is '-' or '+' or '.'))
        {
            return JsonValue.Create(d);
        }

        return JsonValue.Create(text);
    }

    // The ": " (or trailing ":") that separates a key from its value, outside quotes.
    private static int FindColon(string text)
    {
        var quote = '\0';
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quote != '\0')
            {
                quote = c == quote ? '\0' : quote;
                continue;
            }

            if ((c is '"' or '\'') && i == 0)
            {
                quote = c;
            }
            else if (c is '{' or '[' && i == 0)
            {
                return -1;
            }
            else if (c == ':' && (i == text.Length - 1 || text[i + 1] == ' '))
            {
                return i;
            }
        }

        return -1;
    }

    private static string StripComment(string line)
    {
        var quote = '\0';
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote != '\0')
            {
                quote = c == quote ? '\0' : quote;
            }
            else if (c is '"' or '\'' && (i == 0 || line[i - 1] is ' ' or ':' or '-' or '[' or '{' or ','))
            {
                quote = c;
            }
            else if (c == '#' && (i == 0 || line[i - 1] == ' '))
            {
                return line[..i];
            }
        }

        return line;
    }
}
