namespace PodIdentity.Aws.Clients;

/// <summary>
/// The AWS shared config/credentials INI dialect: sections, <c>key = value</c>, comments, and indented
/// sub-properties (kept verbatim as part of the parent value).
/// </summary>
internal sealed class IniFile
{
    private readonly Dictionary<string, Dictionary<string, string>> _sections = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string>? Section(string name) =>
        _sections.TryGetValue(name, out var s) ? s : null;

    /// <summary>Reads the files in order; a later file's keys override an earlier file's in the same section.</summary>
    public static IniFile Load(IEnumerable<string> paths)
    {
        var ini = new IniFile();
        foreach (var path in paths)
        {
            if (File.Exists(path))
            {
                ini.Merge(File.ReadAllLines(path));
            }
        }

        return ini;
    }

    public static IniFile Parse(string text)
    {
        var ini = new IniFile();
        ini.Merge(text.Split('\n'));
        return ini;
    }

    public string? Get(string section, string key) =>
        _sections.TryGetValue(section, out var s) && s.TryGetValue(key, out var v) ? v : null;

    private void Merge(IEnumerable<string> lines)
    {
        Dictionary<string, string>? current = null;
        string? lastKey = null;
        foreach (var raw in lines)
        {
            var line = raw.TrimEnd('\r');
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed[0] is '#' or ';')
            {
                continue;
            }

            if (trimmed[0] == '[' && trimmed[^1] == ']')
            {
                var name = string.Join(' ', trimmed[1..^1].Split(' ', StringSplitOptions.RemoveEmptyEntries));
                if (!_sections.TryGetValue(name, out current))
                {
                    current = new Dictionary<string, string>(StringComparer.Ordinal);
                    _sections[name] = current;
                }

                lastKey = null;
                continue;
            }

            if (current is null)
            {
                continue;
            }

            if (char.IsWhiteSpace(line[0]) && lastKey is not null)
            {
                current[lastKey] = current[lastKey] + "\n  " + trimmed;
                continue;
            }

            var eq = trimmed.IndexOf('=');
            if (eq <= 0)
            {
                continue;
            }

            lastKey = trimmed[..eq].Trim();
            current[lastKey] = StripInlineComment(trimmed[(eq + 1)..].Trim());
        }
    }

    // Only " #" / " ;" start an inline comment, so secrets containing '#' stay intact.
    private static string StripInlineComment(string value)
    {
        for (var i = 1; i < value.Length; i++)
        {
            if (value[i] is '#' or ';' && char.IsWhiteSpace(value[i - 1]))
            {
                return value[..i].TrimEnd();
            }
        }

        return value;
    }
}
