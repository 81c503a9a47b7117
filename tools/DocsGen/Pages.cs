using System.Text;

namespace PodIdentity.DocsGen;

/// <summary>
/// Every page under docs/: index.md, resources/, data-sources/ and guides/, as repository-relative path -> content.
/// Templates come from templates/ (a per-type template, e.g. templates/resources/eks_addon.md.tmpl, wins over the
/// kind's default template), examples from examples/ in the tfplugindocs layout.
/// </summary>
internal sealed class Pages(string root, DocProvider provider)
{
    private const string ProviderPrefix = "aws_";
    private const string TimeoutsBlock = "timeouts";

    public SortedDictionary<string, string> Render()
    {
        var pages = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var type in provider.Resources)
        {
            pages[$"docs/resources/{ShortName(type.Name)}.md"] = RenderType(type, "resources", "Resource", "resource.tf");
        }

        foreach (var type in provider.DataSources)
        {
            pages[$"docs/data-sources/{ShortName(type.Name)}.md"] = RenderType(type, "data-sources", "Data Source", "data-source.tf");
        }

        var guides = Directory.Exists(Path.Combine(root, "templates", "guides"))
            ? Directory.GetFiles(Path.Combine(root, "templates", "guides"), "*.md.tmpl").Order(StringComparer.Ordinal).ToArray()
            : [];
        var guideLinks = new StringBuilder();
        foreach (var guide in guides)
        {
            var name = Path.GetFileName(guide)[..^".md.tmpl".Length];
            var text = RenderTemplate(Relative(guide), CommonFields());
            pages[$"docs/guides/{name}.md"] = text;
            guideLinks.Append($"- [{FrontMatterValue(text, "page_title")}](guides/{name}.md)\n");
        }

        var index = CommonFields();
        index["Description"] = provider.Schema.Description;
        index["Example"] = ExampleBlocks("examples/provider", "provider.tf");
        index["SchemaMarkdown"] = SchemaMarkdown.Render(provider.Schema, new HashSet<string>());
        index["Resources"] = Links(provider.Resources, "resources");
        index["DataSources"] = Links(provider.DataSources, "data-sources");
        index["Guides"] = guideLinks.ToString().TrimEnd();
        pages["docs/index.md"] = RenderTemplate("templates/index.md.tmpl", index);
        return pages;
    }

    public static string ShortName(string typeName) =>
        typeName.StartsWith(ProviderPrefix, StringComparison.Ordinal) ? typeName[ProviderPrefix.Length..] : typeName;

    private string RenderType(DocType type, string kind, string kindTitle, string exampleFile)
    {
        var examples = $"examples/{kind}/{type.Name}";
        var fields = CommonFields();
        fields["Name"] = type.Name;
        fields["Kind"] = kindTitle;
        fields["Description"] = type.Schema.Description;
        fields["DescriptionYaml"] = string.Join("\n", type.Schema.Description.Split('\n').Select(l => "  " + l));
        fields["Example"] = ExampleBlocks(examples, exampleFile);
        var separate = type.Schema.FindBlock(TimeoutsBlock) is null ? new HashSet<string>() : new HashSet<string> { TimeoutsBlock };
        fields["SchemaMarkdown"] = SchemaMarkdown.Render(type.Schema, separate);
        fields["Timeouts"] = type.Schema.FindBlock(TimeoutsBlock) is { } timeouts
            ? (timeouts.Schema.Description.Length > 0 ? timeouts.Schema.Description + "\n\n" : "") + SchemaMarkdown.RenderList(timeouts.Schema).TrimEnd()
            : "";
        fields["ImportBlocks"] = ImportBlocks(examples);
        fields["ImportCommands"] = File.Exists(Path.Combine(root, examples, "import.sh"))
            ? Template.CodeBlock("shell", ReadFile($"{examples}/import.sh"))
            : "";

        var own = $"templates/{kind}/{ShortName(type.Name)}.md.tmpl";
        var template = File.Exists(Path.Combine(root, own)) ? own : $"templates/{kind}.md.tmpl";
        return RenderTemplate(template, fields);
    }

    private Dictionary<string, string> CommonFields() => new(StringComparer.Ordinal) { ["ProviderName"] = provider.Name };

    // The main example file first, then any other .tf files of the folder except the import ones.
    private string ExampleBlocks(string folder, string main)
    {
        var full = Path.Combine(root, folder);
        if (!Directory.Exists(full))
        {
            return "";
        }

        var files = Directory.GetFiles(full, "*.tf")
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(f => !f.StartsWith("import", StringComparison.Ordinal))
            .OrderBy(f => f == main ? 0 : 1)
            .ThenBy(f => f, StringComparer.Ordinal);
        return string.Join("\n\n", files.Select(f => Template.CodeBlock("terraform", ReadFile($"{folder}/{f}"))));
    }

    private string ImportBlocks(string folder)
    {
        var full = Path.Combine(root, folder);
        if (!Directory.Exists(full))
        {
            return "";
        }

        var files = Directory.GetFiles(full, "import*.tf").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal);
        return string.Join("\n\n", files.Select(f => Template.CodeBlock("terraform", ReadFile($"{folder}/{f}"))));
    }

    private static string Links(IEnumerable<DocType> types, string kind) =>
        string.Join("\n", types.Select(t => $"- [`{t.Name}`]({kind}/{ShortName(t.Name)}.md): {FirstSentence(t.Schema.Description)}"));

    private static string FirstSentence(string text)
    {
        var end = text.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? text : text[..(end + 1)];
    }

    private static string FrontMatterValue(string page, string key)
    {
        foreach (var line in page.Split('\n'))
        {
            if (line.StartsWith(key + ":", StringComparison.Ordinal))
            {
                return line[(key.Length + 1)..].Trim().Trim('"');
            }
        }

        throw new FormatException($"a guide has no {key} in its front matter");
    }

    private string RenderTemplate(string template, IReadOnlyDictionary<string, string> fields)
    {
        var text = Template.Render(ReadFile(template), fields, ReadFile, template);
        // One blank line at most between blocks, one newline at the end: stable output whatever the template spacing.
        var lines = text.Replace("\r\n", "\n").Split('\n').Select(l => l.TrimEnd()).ToList();
        var result = new StringBuilder();
        var blank = 0;
        var inFence = false;
        foreach (var line in lines)
        {
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                inFence = !inFence;
            }

            blank = line.Length == 0 && !inFence ? blank + 1 : 0;
            if (blank <= 1)
            {
                result.Append(line).Append('\n');
            }
        }

        return result.ToString().Trim('\n') + "\n";
    }

    private string ReadFile(string relative)
    {
        var path = Path.Combine(root, relative);
        return File.Exists(path)
            ? File.ReadAllText(path).Replace("\r\n", "\n")
            : throw new FileNotFoundException($"{relative} (named by a template) does not exist", path);
    }

    private string Relative(string path) => Path.GetRelativePath(root, path).Replace('\\', '/');
}
