using System.Text.Json.Nodes;
using PodIdentity.Provider.Addons;

namespace PodIdentity.Provider.Tests.Resources;

public sealed class AddonYamlTests
{
    [Fact]
    public void YamlAndJsonOfTheSameDocumentAreEqual()
    {
        var yaml = AddonYaml.Parse("""
            # agent settings
            agent:
              additionalArgs:
                "-b": 169.254.170.23
              replicas: 2
              ratio: 0.5
              enabled: true
              note: ~
              labels: [a, "b"]
            """);
        var json = JsonNode.Parse("""
            {"agent":{"additionalArgs":{"-b":"169.254.170.23"},"replicas":2,"ratio":0.5,"enabled":true,"note":null,"labels":["a","b"]}}
            """);

        Assert.True(JsonNode.DeepEquals(json, yaml), yaml?.ToJsonString());
    }

    [Fact]
    public void QuotedScalarsStayStrings()
    {
        var node = AddonYaml.Parse("a: \"2\"\nb: 'true'\nc: '~'\n")!;

        Assert.Equal("2", (string?)node["a"]);
        Assert.Equal("true", (string?)node["b"]);
        Assert.Equal("~", (string?)node["c"]);
    }

    [Fact]
    public void AnchorsAndBlockScalarsAreResolved()
    {
        var node = AddonYaml.Parse("""
            base: &limits
              cpu: 100m
            agent:
              resources: *limits
              script: |
                line one
                line two
              folded: >
                one
                two
            """)!;

        Assert.Equal("100m", (string?)node["agent"]!["resources"]!["cpu"]);
        Assert.Equal("line one\nline two\n", (string?)node["agent"]!["script"]);
        Assert.Equal("one two", (string?)node["agent"]!["folded"]); // last line of the text: no line break to keep
    }

    [Theory]
    [InlineData("a: [unclosed")]
    [InlineData("a: 1\n---\nb: 2\n")]
    [InlineData("")]
    public void MalformedOrMultipleDocumentsAreRefused(string text)
    {
        Assert.Throws<FormatException>(() => AddonYaml.Parse(text));
    }
}
