using System.Text;
using System.Text.RegularExpressions;

namespace PodIdentity.DocsGen;

/// <summary>
/// The small part of tfplugindocs' template language the templates use: <c>{{ .Field }}</c>,
/// <c>{{ if .Field }}...{{ else }}...{{ end }}</c> (true when the field is not empty), <c>{{ tffile "path" }}</c>,
/// <c>{{ codefile "lang" "path" }}</c> (paths from the repository root) and <c>{{-</c> / <c>-}}</c> to trim whitespace.
/// Anything else is an error, so a typo never silently renders as nothing.
/// </summary>
internal static partial class Template
{
    public static string Render(string template, IReadOnlyDictionary<string, string> fields, Func<string, string> readFile, string where)
    {
        var output = new StringBuilder();
        // Each open `if` records whether its current branch is being written.
        var conditions = new Stack<(bool Outer, bool Taken, bool Active)>();
        var active = true;
        var position = 0;
        var trimNext = false;
        foreach (Match m in Action().Matches(template))
        {
            var literal = template[position..m.Index];
            if (trimNext)
            {
                literal = literal.TrimStart();
            }

            if (m.Groups["ltrim"].Success)
            {
                literal = literal.TrimEnd();
            }

            if (active)
            {
                output.Append(literal);
            }

            position = m.Index + m.Length;
            trimNext = m.Groups["rtrim"].Success;
            var body = m.Groups["body"].Value.Trim();
            var words = Words(body, where);
            switch (words[0])
            {
                case "if" when words.Count == 2:
                    var taken = active && Field(fields, words[1], where).Length > 0;
                    conditions.Push((active, taken, taken));
                    active = taken;
                    break;
                case "else" when words.Count == 1 && conditions.Count > 0:
                    var (outer, wasTaken, _) = conditions.Pop();
                    conditions.Push((outer, true, outer && !wasTaken));
                    active = outer && !wasTaken;
                    break;
                case "end" when words.Count == 1 && conditions.Count > 0:
                    active = conditions.Pop().Outer;
                    break;
                case "tffile" when words.Count == 2:
                    if (active)
                    {
                        output.Append(CodeBlock("terraform", readFile(words[1])));
                    }

                    break;
                case "codefile" when words.Count == 3:
                    if (active)
                    {
                        output.Append(CodeBlock(words[1], readFile(words[2])));
                    }

                    break;
                case var field when field.StartsWith('.') && words.Count == 1:
                    var value = Field(fields, field, where);
                    if (active)
                    {
                        output.Append(value);
                    }

                    break;
                default:
                    throw new FormatException($"{where}: cannot render {{{{ {body} }}}}");
            }
        }

        if (conditions.Count > 0)
        {
            throw new FormatException($"{where}: an {{{{ if }}}} has no {{{{ end }}}}");
        }

        var rest = template[position..];
        output.Append(trimNext ? rest.TrimStart() : rest);
        return output.ToString();
    }

    public static string CodeBlock(string language, string content) => $"```{language}\n{content.TrimEnd()}\n```";

    private static string Field(IReadOnlyDictionary<string, string> fields, string name, string where) =>
        fields.TryGetValue(name.TrimStart('.'), out var value) ? value : throw new FormatException($"{where}: no field {name}");

    private static List<string> Words(string body, string where)
    {
        var words = new List<string>();
        foreach (Match w in Word().Matches(body))
        {
            words.Add(w.Groups["quoted"].Success ? w.Groups["quoted"].Value : w.Value);
        }

        return words.Count > 0 ? words : throw new FormatException($"{where}: empty {{{{ }}}}");
    }

    [GeneratedRegex(@"\{\{(?<ltrim>-)?(?<body>.*?)(?<rtrim>-)?\}\}", RegexOptions.Singleline)]
    private static partial Regex Action();

    [GeneratedRegex("\"(?<quoted>[^\"]*)\"|\\S+")]
    private static partial Regex Word();
}
