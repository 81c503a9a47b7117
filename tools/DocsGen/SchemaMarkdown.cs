using System.Text;

namespace PodIdentity.DocsGen;

/// <summary>The argument and attribute reference of one schema, in the registry's markdown.</summary>
internal static class SchemaMarkdown
{
    /// <summary>Required and Optional arguments, then read-only attributes, then one section per nested block or
    /// nested attribute. <paramref name="separate"/> names blocks documented in a section of their own (timeouts).</summary>
    public static string Render(DocSchema schema, IReadOnlySet<string> separate)
    {
        var text = new StringBuilder();
        var nested = new List<(string Anchor, string Title, DocSchema Schema)>();
        var required = schema.Attributes.Where(a => a.Required).ToArray();
        var optional = schema.Attributes.Where(a => a.Optional).ToArray();
        var readOnly = schema.Attributes.Where(a => !a.IsArgument).ToArray();

        text.Append("## Argument Reference\n\n");
        if (schema.Checks.Count > 0)
        {
            text.Append("Checked at plan time: ").Append(Sentences(schema.Checks)).Append("\n\n");
        }

        if (required.Length > 0)
        {
            text.Append("### Required\n\n");
            AppendAttributes(text, required, "", nested);
            text.Append('\n');
        }

        if (optional.Length > 0 || schema.Blocks.Count > 0)
        {
            text.Append("### Optional\n\n");
            AppendAttributes(text, optional, "", nested);
            foreach (var block in schema.Blocks)
            {
                AppendBlock(text, block, "", separate, nested);
            }

            text.Append('\n');
        }

        if (readOnly.Length > 0)
        {
            text.Append("## Attribute Reference\n\nIn addition to the arguments above, these attributes are exported:\n\n");
            AppendAttributes(text, readOnly, "", nested);
            text.Append('\n');
        }

        // Nested sections may add deeper ones while they are written.
        for (var i = 0; i < nested.Count; i++)
        {
            var (anchor, title, inner) = nested[i];
            text.Append("<a id=\"").Append(anchor).Append("\"></a>\n### Nested Schema for `").Append(title).Append("`\n\n");
            if (inner.Description.Length > 0)
            {
                text.Append(Sentence(inner.Description)).Append("\n\n");
            }

            if (inner.Checks.Count > 0)
            {
                text.Append("Checked at plan time: ").Append(Sentences(inner.Checks)).Append("\n\n");
            }

            AppendAttributes(text, inner.Attributes, title + ".", nested);
            foreach (var block in inner.Blocks)
            {
                AppendBlock(text, block, title + ".", separate, nested);
            }

            text.Append('\n');
        }

        return text.ToString().TrimEnd() + "\n";
    }

    /// <summary>The attributes of a block documented in a section of its own (timeouts), as a list.</summary>
    public static string RenderList(DocSchema schema)
    {
        var text = new StringBuilder();
        AppendAttributes(text, schema.Attributes, "", []);
        return text.ToString().TrimEnd() + "\n";
    }

    private static void AppendAttributes(StringBuilder text, IEnumerable<DocAttribute> attributes, string prefix, List<(string, string, DocSchema)> nested)
    {
        foreach (var a in attributes)
        {
            var labels = new List<string> { a.Type };
            if (a.Replacement == "")
            {
                labels.Add("Forces replacement");
            }

            if (a.Sensitive)
            {
                labels.Add("Sensitive");
            }

            if (a.WriteOnly)
            {
                labels.Add("Write-only");
            }

            if (a.Deprecated)
            {
                labels.Add("Deprecated");
            }

            if (a.Optional && a.Computed && a.Default is null)
            {
                labels.Add("Computed when not set");
            }

            text.Append("- `").Append(a.Name).Append("` (").Append(string.Join(", ", labels)).Append(')');
            var sentences = new List<string>();
            if (a.Description.Length > 0)
            {
                sentences.Add(Sentence(a.Description));
            }

            if (a.Default is { } d)
            {
                sentences.Add(Sentence(d));
            }

            if (a.Replacement is { Length: > 0 } when)
            {
                sentences.Add(Sentence(when));
            }

            if (a.Checks.Count > 0)
            {
                sentences.Add("Checked at plan time: " + Sentences(a.Checks));
            }

            if (a.Nested is { } inner)
            {
                var anchor = "nestedatt--" + (prefix + a.Name).Replace('.', '-');
                sentences.Add($"See [below for nested schema](#{anchor}).");
                nested.Add((anchor, prefix + a.Name, inner));
            }

            if (sentences.Count > 0)
            {
                text.Append(' ').Append(string.Join(' ', sentences));
            }

            text.Append('\n');
        }
    }

    private static void AppendBlock(StringBuilder text, DocBlock block, string prefix, IReadOnlySet<string> separate, List<(string, string, DocSchema)> nested)
    {
        var labels = new List<string> { block.Nesting == "Single" ? "Block" : $"Block {block.Nesting}" };
        if (block.MinItems > 0)
        {
            labels.Add($"Min: {block.MinItems}");
        }

        if (block.MaxItems > 0)
        {
            labels.Add($"Max: {block.MaxItems}");
        }

        if (block.Deprecated)
        {
            labels.Add("Deprecated");
        }

        text.Append("- `").Append(block.Name).Append("` (").Append(string.Join(", ", labels)).Append(')');
        if (block.Schema.Description.Length > 0)
        {
            text.Append(' ').Append(Sentence(block.Schema.Description));
        }

        if (prefix.Length == 0 && separate.Contains(block.Name))
        {
            text.Append(" See [").Append(Title(block.Name)).Append("](#").Append(block.Name).Append(").\n");
            return;
        }

        var anchor = "nestedblock--" + (prefix + block.Name).Replace('.', '-');
        text.Append(" See [below for nested schema](#").Append(anchor).Append(").\n");
        nested.Add((anchor, prefix + block.Name, block.Schema with { Description = "" }));
    }

    private static string Title(string name) => char.ToUpperInvariant(name[0]) + name[1..];

    private static string Sentences(IEnumerable<string> lines) => string.Join(' ', lines.Select(Sentence));

    private static string Sentence(string s)
    {
        s = s.Trim();
        return s.Length == 0 || s.EndsWith('.') ? s : s + ".";
    }
}
