using PodIdentity.Plugin.Values;

namespace PodIdentity.TestSupport.Tests;

public sealed class TestValuesTests
{
    private static readonly ObjectType Rule = CtyType.Object(new Dictionary<string, CtyType> { ["port"] = CtyType.Number, ["label"] = CtyType.String });

    private static readonly ObjectType Thing = CtyType.Object(new Dictionary<string, CtyType>
    {
        ["name"] = CtyType.String,
        ["enabled"] = CtyType.Bool,
        ["size"] = CtyType.Number,
        ["ratio"] = CtyType.Number,
        ["ids"] = CtyType.Set(CtyType.String),
        ["order"] = CtyType.List(CtyType.String),
        ["tags"] = CtyType.Map(CtyType.String),
        ["rule"] = CtyType.List(Rule),
        ["settings"] = Rule,
    });

    [Fact]
    public void Unset_attributes_are_null_and_plain_values_convert_to_the_attribute_type()
    {
        var v = TestValues.Object(Thing, ("name", "a"), ("enabled", true), ("size", 3), ("ratio", 0.5), ("ids", new[] { "x", "y" }),
            ("order", new List<string> { "b", "a" }), ("tags", new Dictionary<string, string> { ["k"] = "v" }));

        Assert.Equal(CtyValue.String("a"), v.GetAttribute("name"));
        Assert.Equal(CtyValue.Bool(true), v.GetAttribute("enabled"));
        Assert.Equal(CtyValue.Number(3), v.GetAttribute("size"));
        Assert.Equal(CtyValue.Number(0.5), v.GetAttribute("ratio"));
        Assert.Equal(CtyValue.Set(CtyType.String, [CtyValue.String("y"), CtyValue.String("x")]), v.GetAttribute("ids"));
        Assert.Equal(CtyValue.List(CtyType.String, [CtyValue.String("b"), CtyValue.String("a")]), v.GetAttribute("order"));
        Assert.Equal(CtyValue.Map(CtyType.String, [KeyValuePair.Create("k", CtyValue.String("v"))]), v.GetAttribute("tags"));
        Assert.Equal(CtyValue.Null(CtyType.List(Rule)), v.GetAttribute("rule"));
        Assert.Equal(CtyValue.Null(Rule), v.GetAttribute("settings"));
    }

    [Fact]
    public void Unknown_null_and_CtyValues_pass_through_typed()
    {
        var given = CtyValue.String("as-is");
        var v = TestValues.Object(Thing, ("name", given), ("tags", TestValues.Unknown), ("size", null));

        Assert.Equal(given, v.GetAttribute("name"));
        Assert.Equal(CtyValue.Unknown(CtyType.Map(CtyType.String)), v.GetAttribute("tags"));
        Assert.Equal(CtyValue.Null(CtyType.Number), v.GetAttribute("size"));
    }

    [Fact]
    public void Nested_pairs_build_objects_and_a_single_object_fills_a_block_list()
    {
        (string, object?)[] rule = [("port", 443L), ("label", "https")];
        var expected = CtyValue.Object(Rule, new Dictionary<string, CtyValue> { ["port"] = CtyValue.Number(443), ["label"] = CtyValue.String("https") });

        var v = TestValues.Object(Thing, ("settings", rule), ("rule", rule));
        var fromValue = TestValues.Object(Thing, ("rule", expected));
        var two = TestValues.Object(Thing, ("rule", new object[] { rule, new (string, object?)[] { ("port", 80) } }));

        Assert.Equal(expected, v.GetAttribute("settings"));
        Assert.Equal(CtyValue.List(Rule, [expected]), v.GetAttribute("rule"));
        Assert.Equal(CtyValue.List(Rule, [expected]), fromValue.GetAttribute("rule"));
        Assert.Equal(2, two.GetAttribute("rule").Elements.Count);
        Assert.True(two.GetAttribute("rule").Elements[1].GetAttribute("label").IsNull);
    }

    [Fact]
    public void Typed_pair_lists_from_callers_convert_the_same()
    {
        (string Name, CtyValue Value)[] values = [("name", CtyValue.String("a")), ("size", CtyValue.Number(1))];
        (string Name, string? Value)[] strings = [("name", "a"), ("order", null)];

        Assert.Equal(TestValues.Object(Thing, ("name", "a"), ("size", 1)), TestValues.Object(Thing, values));
        Assert.Equal(TestValues.Object(Thing, ("name", "a")), TestValues.Object(Thing, strings));
    }

    [Fact]
    public void Unknown_attribute_names_and_unconvertible_values_are_errors()
    {
        Assert.Contains("\"nope\"", Assert.Throws<ArgumentException>(() => TestValues.Object(Thing, ("nope", "x"))).Message);
        Assert.Contains("size", Assert.Throws<ArgumentException>(() => TestValues.Object(Thing, ("size", new object()))).Message);
        Assert.Throws<ArgumentException>(() => TestValues.Object(Thing, ("name", new[] { "a" })));
    }
}
