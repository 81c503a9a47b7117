namespace PodIdentity.DocsGen.Tests;

public sealed class TemplateTests
{
    private static readonly Dictionary<string, string> Fields = new() { ["Name"] = "aws_x", ["Empty"] = "", ["Full"] = "yes" };

    private static string Render(string template) =>
        Template.Render(template, Fields, path => path == "examples/a.tf" ? "resource \"x\" \"y\" {}\n\n" : throw new FileNotFoundException(path), "test");

    [Fact]
    public void FieldsConditionsAndTrimming()
    {
        Assert.Equal("# aws_x\n", Render("# {{ .Name }}\n"));
        Assert.Equal("A-yes", Render("A{{ if .Full }}-{{ .Full }}{{ else }}-no{{ end }}"));
        Assert.Equal("A-no", Render("A{{ if .Empty }}-yes{{ else }}-no{{ end }}"));
        Assert.Equal("AB", Render("A  \n{{- if .Empty }}X{{ end -}}\n  B"));
        Assert.Equal("[]", Render("[{{ if .Empty }}{{ if .Full }}x{{ end }}{{ else }}{{ end }}]"));
    }

    [Fact]
    public void FilesBecomeFencedBlocks()
    {
        Assert.Equal("```terraform\nresource \"x\" \"y\" {}\n```", Render("{{ tffile \"examples/a.tf\" }}"));
        Assert.Equal("```hcl\nresource \"x\" \"y\" {}\n```", Render("{{ codefile \"hcl\" \"examples/a.tf\" }}"));
    }

    [Fact]
    public void MistakesAreErrorsNotEmptyText()
    {
        Assert.Throws<FormatException>(() => Render("{{ .Nope }}"));
        Assert.Throws<FormatException>(() => Render("{{ if .Full }}never closed"));
        Assert.Throws<FormatException>(() => Render("{{ include \"x\" }}"));
        Assert.Throws<FileNotFoundException>(() => Render("{{ tffile \"examples/missing.tf\" }}"));
    }
}
