namespace PodIdentity.Plugin.Values.Tests;

public sealed class AttributePathTests
{
    [Fact]
    public void Prints_like_terraform()
    {
        Assert.Equal("", AttributePath.Root.ToString());
        Assert.Equal("name", AttributePath.Root.Attribute("name").ToString());
        Assert.Equal("rules[2].name", AttributePath.Root.Attribute("rules").Index(2).Attribute("name").ToString());
        Assert.Equal("tags[\"env\"]", AttributePath.Root.Attribute("tags").Key("env").ToString());
        Assert.Equal("[\"a\"][0]", AttributePath.Root.Key("a").Index(0).ToString());
        Assert.Equal("m[\"q\\\"uote\\\\\"]", AttributePath.Root.Attribute("m").Key("q\"uote\\").ToString());
        Assert.Equal("m[\"a\\nb\"]", AttributePath.Root.Attribute("m").Key("a\nb").ToString());
    }

    [Fact]
    public void Is_immutable_and_structural()
    {
        var a = AttributePath.Root.Attribute("x");
        var b = a.Index(1);
        var c = a.Key("k");
        Assert.Single(a.Steps);
        Assert.Equal([new AttributeNameStep("x"), new ElementKeyIntStep(1)], b.Steps);
        Assert.Equal([new AttributeNameStep("x"), new ElementKeyStringStep("k")], c.Steps);
        Assert.Equal(b, AttributePath.Root.Attribute("x").Index(1));
        Assert.Equal(b.GetHashCode(), AttributePath.Root.Attribute("x").Index(1).GetHashCode());
        Assert.NotEqual(b, c);
        Assert.NotEqual(AttributePath.Root.Key("1"), AttributePath.Root.Index(1));
        Assert.True(AttributePath.FromSteps([]).IsRoot);
        Assert.Equal(c, AttributePath.FromSteps(c.Steps));
    }
}
