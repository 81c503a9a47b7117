namespace PodIdentity.Plugin.Values.Tests;

public sealed class TypeTests
{
    private static readonly ObjectType Rule = CtyType.Object(new Dictionary<string, CtyType>
    {
        ["port"] = CtyType.Number,
        ["name"] = CtyType.String,
    });

    [Fact]
    public void Primitives_are_singletons_and_distinct()
    {
        Assert.Same(CtyType.String, CtyType.String);
        Assert.NotEqual(CtyType.String, CtyType.Number);
        Assert.NotEqual(CtyType.Bool, CtyType.Dynamic);
        Assert.True(CtyType.Dynamic.IsDynamic);
        Assert.True(CtyType.String.IsPrimitive);
    }

    [Fact]
    public void Composite_types_compare_structurally()
    {
        Assert.Equal(CtyType.List(CtyType.String), CtyType.List(CtyType.String));
        Assert.Equal(CtyType.List(CtyType.String).GetHashCode(), CtyType.List(CtyType.String).GetHashCode());
        Assert.NotEqual<CtyType>(CtyType.List(CtyType.String), CtyType.Set(CtyType.String));
        Assert.NotEqual<CtyType>(CtyType.Map(CtyType.String), CtyType.Map(CtyType.Number));
        Assert.Equal(CtyType.Tuple(CtyType.String, CtyType.Bool), CtyType.Tuple(CtyType.String, CtyType.Bool));
        Assert.NotEqual(CtyType.Tuple(CtyType.String, CtyType.Bool), CtyType.Tuple(CtyType.Bool, CtyType.String));

        var same = CtyType.Object(new Dictionary<string, CtyType> { ["name"] = CtyType.String, ["port"] = CtyType.Number });
        Assert.Equal(Rule, same);
        Assert.True(Rule == same);
        var optional = CtyType.Object(new Dictionary<string, CtyType> { ["name"] = CtyType.String, ["port"] = CtyType.Number }, ["port"]);
        Assert.NotEqual(Rule, optional);
        Assert.Contains("port", optional.OptionalAttributes);
    }

    [Fact]
    public void Object_attribute_names_are_in_utf8_byte_order()
    {
        // UTF-8 puts U+FF21 (ef bc a1) before U+1F600 (f0 9f 98 80); UTF-16 ordinal order would not (D83D < FF21).
        var t = CtyType.Object(new Dictionary<string, CtyType>
        {
            ["\U0001F600"] = CtyType.String,
            ["\uFF21"] = CtyType.String,
            ["b"] = CtyType.String,
            ["B"] = CtyType.String,
            ["a"] = CtyType.String,
        });
        Assert.Equal(["B", "a", "b", "\uFF21", "\U0001F600"], t.AttributeNames);
    }

    [Fact]
    public void Optional_attribute_must_exist()
    {
        Assert.Throws<ArgumentException>(() => CtyType.Object(new Dictionary<string, CtyType> { ["a"] = CtyType.String }, ["b"]));
    }

    public static TheoryData<string> TypeJsonCases => new()
    {
        "\"string\"",
        "\"number\"",
        "\"bool\"",
        "\"dynamic\"",
        "[\"list\",\"string\"]",
        "[\"set\",\"number\"]",
        "[\"map\",\"bool\"]",
        "[\"list\",[\"map\",[\"set\",\"dynamic\"]]]",
        "[\"tuple\",[]]",
        "[\"tuple\",[\"string\",\"number\",[\"list\",\"bool\"]]]",
        "[\"object\",{}]",
        "[\"object\",{\"a\":\"string\",\"b\":[\"list\",\"number\"]}]",
        "[\"object\",{\"a\":\"string\",\"b\":\"number\",\"c\":\"bool\"},[\"a\",\"c\"]]",
        "[\"object\",{\"rules\":[\"set\",[\"object\",{\"name\":\"string\",\"port\":\"number\"}]]}]",
        "[\"object\",{\"é\":\"string\"}]",
    };

    [Theory]
    [MemberData(nameof(TypeJsonCases))]
    public void Type_json_round_trips(string json)
    {
        var type = CtyType.FromJson(json);
        Assert.Equal(json, type.ToJson());
        Assert.Equal(type, CtyType.FromJson(type.ToJson()));
    }

    [Fact]
    public void Type_json_reads_into_the_right_shapes()
    {
        var t = Assert.IsType<ObjectType>(CtyType.FromJson("""["object",{"b":["list","number"],"a":"string"},["b"]]"""));
        Assert.Equal(["a", "b"], t.AttributeNames);
        Assert.Equal(CtyType.List(CtyType.Number), t.AttributeTypes["b"]);
        Assert.Equal(["b"], t.OptionalAttributes);
        var tuple = Assert.IsType<TupleType>(CtyType.FromJson("""["tuple",["bool","string"]]"""));
        Assert.Equal([CtyType.Bool, CtyType.String], tuple.ElementTypes);
        Assert.Equal(CtyType.Map(CtyType.Dynamic), CtyType.FromJson(""" [ "map" , "dynamic" ] """));
    }

    [Fact]
    public void Object_type_json_sorts_attribute_names()
    {
        var t = CtyType.Object(new Dictionary<string, CtyType> { ["z"] = CtyType.String, ["a"] = CtyType.Bool }, ["z", "a"]);
        Assert.Equal("""["object",{"a":"bool","z":"string"},["a","z"]]""", t.ToJson());
    }

    public static TheoryData<string, string> BadTypeJson => new()
    {
        { "", "invalid type JSON: " },
        { "\"strin\"", "invalid type JSON: unknown primitive type \"strin\"" },
        { "42", "invalid type JSON: a type must be a string or an array" },
        { "[]", "invalid type JSON: a type array must start with its kind" },
        { "[\"list\"]", "invalid type JSON: " },
        { "[\"list\",\"string\",\"bool\"]", "invalid type JSON: too many elements in a list type" },
        { "[\"bag\",\"string\"]", "invalid type JSON: unknown type kind \"bag\"" },
        { "[\"tuple\",\"string\"]", "invalid type JSON: a tuple type needs an array of element types" },
        { "[\"object\",[]]", "invalid type JSON: an object type needs an object of attribute types" },
        { "[\"object\",{\"a\":\"string\",\"a\":\"bool\"}]", "invalid type JSON: duplicate attribute \"a\" in an object type" },
        { "[\"object\",{\"a\":\"string\"},[\"b\"]]", "invalid type JSON: optional attribute \"b\" is not an attribute of the object" },
        { "[\"object\",{\"a\":\"string\"},[1]]", "invalid type JSON: optional attribute names must be strings" },
        { "[\"object\",{\"a\":\"string\"},[],1]", "invalid type JSON: too many elements in an object type" },
        { "\"string\" \"bool\"", "invalid type JSON: " },
    };

    [Theory]
    [MemberData(nameof(BadTypeJson))]
    public void Malformed_type_json_is_rejected(string json, string messageStart)
    {
        var e = Assert.Throws<CtyDecodeException>(() => CtyType.FromJson(json));
        Assert.StartsWith(messageStart, e.Message, StringComparison.Ordinal);
        Assert.True(e.Path.IsRoot);
    }

    [Fact]
    public void Type_json_nesting_is_bounded()
    {
        var json = string.Concat(Enumerable.Repeat("[\"list\",", 100)) + "\"string\"" + new string(']', 100);
        Assert.Throws<CtyDecodeException>(() => CtyType.FromJson(json));
    }
}
