using System.Text;

namespace PodIdentity.Plugin.Values.Tests;

public sealed class JsonValueCodecTests
{
    private const string Resource = """["object",{"enabled":"bool","id":"string","ports":["list","number"],"rules":["set",["object",{"name":"string"}]],"size":"number","tags":["map","string"]}]""";

    private static string Encode(CtyValue value, CtyType type) => Encoding.UTF8.GetString(JsonValueCodec.Encode(value, type));

    private static CtyValue Decode(string json, CtyType type, bool ignoreUndefined = false) =>
        JsonValueCodec.Decode(Encoding.UTF8.GetBytes(json), type, ignoreUndefined);

    // type JSON, canonical value JSON: decode then encode gives the same text
    public static TheoryData<string, string> Canonical => new()
    {
        { "\"string\"", "\"hello\"" },
        { "\"string\"", "\"quote \\\" backslash \\\\ newline \\n é \\uD83D\\uDE00\"" },
        { "\"string\"", "null" },
        { "\"number\"", "0" },
        { "\"number\"", "-42" },
        { "\"number\"", "1.5" },
        { "\"number\"", "0.1000000000000000000001" },
        { "\"number\"", "123456789012345678901234567890" },
        { "\"bool\"", "true" },
        { "[\"list\",\"number\"]", "[1,2,3]" },
        { "[\"list\",\"number\"]", "[]" },
        { "[\"set\",\"string\"]", "[\"a\",\"b\"]" },
        { "[\"map\",\"string\"]", "{\"a\":\"x\",\"b\":null}" },
        { "[\"tuple\",[\"string\",\"bool\"]]", "[\"a\",false]" },
        { Resource, "{\"enabled\":true,\"id\":\"i-1\",\"ports\":[80,443],\"rules\":[{\"name\":\"a\"}],\"size\":null,\"tags\":{\"env\":\"prod\"}}" },
        { "\"dynamic\"", "{\"value\":\"x\",\"type\":\"string\"}" },
        { "\"dynamic\"", "{\"value\":[1,2],\"type\":[\"list\",\"number\"]}" },
        { "\"dynamic\"", "{\"value\":null,\"type\":\"string\"}" },
        { "\"dynamic\"", "null" },
        { "[\"object\",{\"v\":\"dynamic\"}]", "{\"v\":{\"value\":{\"a\":true},\"type\":[\"object\",{\"a\":\"bool\"}]}}" },
    };

    [Theory]
    [MemberData(nameof(Canonical))]
    public void Round_trips_canonical_json(string typeJson, string json)
    {
        var type = CtyType.FromJson(typeJson);
        var value = Decode(json, type);
        Assert.Equal(json, Encode(value, type));
        Assert.Equal(value, Decode(Encode(value, type), type));
    }

    [Fact]
    public void Numbers_stay_exact()
    {
        Assert.Equal("0.1000000000000000000001", Decode("0.1000000000000000000001", CtyType.Number).AsNumber().ToString());
        Assert.Equal("12300000000000000000000", Decode("1.23e22", CtyType.Number).AsNumber().ToString());
        Assert.Equal("0.1000000000000000055511151231257827021181583404541015625", Encode(CtyValue.Number(0.1), CtyType.Number));
        Assert.Equal(CtyValue.Number(0.1), Decode(Encode(CtyValue.Number(0.1), CtyType.Number), CtyType.Number));
    }

    [Fact]
    public void Decodes_objects_with_every_kind_of_attribute()
    {
        var v = Decode("""{"tags":{"b":"2","a":"1"},"id":"x","enabled":false,"ports":[1],"rules":[{"name":"b"},{"name":"a"},{"name":"b"}],"size":2.5}""",
            CtyType.FromJson(Resource));
        Assert.Equal("x", v.GetAttribute("id").AsString());
        Assert.False(v.GetAttribute("enabled").AsBool());
        Assert.Equal(["a", "b"], v.GetAttribute("tags").MapEntries.Select(e => e.Key));
        Assert.Equal(2, v.GetAttribute("rules").Count);
        Assert.Equal(CtyNumber.Parse("2.5"), v.GetAttribute("size").AsNumber());
    }

    [Fact]
    public void Missing_attributes_are_null_and_undefined_ones_optional()
    {
        var type = CtyType.FromJson(Resource);
        var v = Decode("""{"id":"x"}""", type);
        Assert.True(v.GetAttribute("tags").IsNull);
        Assert.True(v.GetAttribute("enabled").IsNull);

        var e = Assert.Throws<CtyDecodeException>(() => Decode("""{"id":"x","legacy":{"deep":[1]}}""", type));
        Assert.Equal("unsupported attribute \"legacy\"", e.Reason);
        var ignored = Decode("""{"id":"x","legacy":{"deep":[1]},"size":3}""", type, ignoreUndefined: true);
        Assert.Equal(CtyValue.Number(3), ignored.GetAttribute("size"));
    }

    [Theory]
    [InlineData("\"string\"", "42", "\"42\"")]
    [InlineData("\"string\"", "1.50", "\"1.50\"")]
    [InlineData("\"string\"", "true", "\"true\"")]
    [InlineData("\"number\"", "\"12.5\"", "12.5")]
    [InlineData("\"number\"", "1E2", "100")]
    [InlineData("\"bool\"", "\"true\"", "true")]
    [InlineData("\"bool\"", "\"false\"", "false")]
    [InlineData("\"dynamic\"", "{\"type\":\"number\",\"value\":7}", "{\"value\":7,\"type\":\"number\"}")]
    [InlineData("[\"map\",\"number\"]", "{\"b\":2,\"a\":1}", "{\"a\":1,\"b\":2}")]
    [InlineData("[\"set\",\"number\"]", "[3,1,3,2]", "[1,2,3]")]
    [InlineData("[\"object\",{\"a\":\"string\",\"b\":\"string\"}]", "{\"b\":\"y\",\"a\":\"x\"}", "{\"a\":\"x\",\"b\":\"y\"}")]
    [InlineData("\"string\"", " \"\\u00e9\" ", "\"é\"")]
    [InlineData("\"string\"", "\"😀<>&'\"", "\"\\uD83D\\uDE00<>&'\"")]
    public void Accepts_cty_conversions_and_writes_canonically(string typeJson, string input, string canonical)
    {
        var type = CtyType.FromJson(typeJson);
        Assert.Equal(canonical, Encode(Decode(input, type), type));
    }

    // type JSON, input, reason, path
    public static TheoryData<string, string, string, string> Malformed => new()
    {
        { "\"string\"", "", "invalid JSON: ", "" },
        { "\"string\"", "\"abc", "invalid JSON: ", "" },
        { "\"string\"", "[", "expected string, found array", "" },
        { "[\"object\",{\"l\":[\"list\",\"string\"]}]", "{\"l\":[\"a\",", "invalid JSON: ", "l" },
        { "[\"object\",{\"l\":[\"list\",\"string\"]}]", "{\"l\":[\"a\",]}", "invalid JSON: ", "l" },
        { "[\"object\",{\"l\":[\"list\",\"string\"]}]", "{\"l\":[\"a\", tru]}", "invalid JSON: ", "l" },
        { "[\"object\",{\"a\":\"string\"}]", "{\"a\":\"x\" // comment\n}", "invalid JSON: ", "" },
        { "\"string\"", "\"a\" \"b\"", "invalid JSON: ", "" },
        { "\"string\"", "{}", "expected string, found object", "" },
        { "\"number\"", "\"ten\"", "invalid number \"ten\"", "" },
        { "\"number\"", "1e99999", "number is out of range", "" },
        { "\"number\"", "true", "expected number, found bool", "" },
        { "\"bool\"", "\"yes\"", "invalid bool \"yes\"", "" },
        { "\"bool\"", "1", "expected bool, found number", "" },
        { "[\"list\",\"string\"]", "{}", "expected array, found object", "" },
        { "[\"map\",\"string\"]", "[]", "expected object (map), found array", "" },
        { "[\"map\",\"string\"]", "{\"a\":\"x\",\"a\":\"y\"}", "duplicate map key \"a\"", "" },
        { "[\"tuple\",[\"string\"]]", "[]", "tuple must have 1 elements, found 0", "" },
        { "[\"tuple\",[\"string\"]]", "[\"a\",\"b\"]", "tuple must have 1 elements, found more", "" },
        { "[\"object\",{\"a\":\"string\"}]", "{\"a\":\"x\",\"a\":\"y\"}", "duplicate attribute \"a\"", "" },
        { "[\"object\",{\"a\":\"string\"}]", "[]", "expected object, found array", "" },
        { "[\"object\",{\"rules\":[\"list\",[\"object\",{\"name\":\"string\"}]]}]",
            "{\"rules\":[{\"name\":\"a\"},{\"name\":[]}]}", "expected string, found array", "rules[1].name" },
        { "[\"object\",{\"tags\":[\"map\",\"number\"]}]", "{\"tags\":{\"a\":\"x\"}}", "invalid number \"x\"", "tags[\"a\"]" },
        { "\"dynamic\"", "\"x\"", "expected object {\"value\",\"type\"} (dynamic), found string", "" },
        { "\"dynamic\"", "{\"value\":1}", "a dynamic value needs both \"value\" and \"type\"", "" },
        { "\"dynamic\"", "{\"value\":1,\"type\":\"number\",\"extra\":1}", "unexpected property \"extra\" in a dynamic value; only \"value\" and \"type\" are allowed", "" },
        { "\"dynamic\"", "{\"type\":\"nope\",\"value\":1}", "invalid type JSON: unknown primitive type \"nope\"", "" },
        { "\"dynamic\"", "{\"value\":\"x\",\"type\":\"number\"}", "invalid number \"x\"", "" },
        { "[\"list\",\"dynamic\"]", "[{\"value\":{\"k\":true},\"type\":[\"map\",\"number\"]}]", "expected number, found bool", "[0][\"k\"]" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Rejects_with_reason_and_path(string typeJson, string json, string reason, string path)
    {
        var e = Assert.Throws<CtyDecodeException>(() => Decode(json, CtyType.FromJson(typeJson)));
        Assert.StartsWith(reason, e.Reason, StringComparison.Ordinal);
        Assert.Equal(path, e.Path.ToString());
    }

    [Fact]
    public void Deep_json_is_rejected()
    {
        CtyType type = CtyType.String;
        for (var i = 0; i < 80; i++)
        {
            type = CtyType.List(type);
        }

        var json = new string('[', 80) + "\"x\"" + new string(']', 80);
        var e = Assert.Throws<CtyDecodeException>(() => Decode(json, type));
        Assert.StartsWith("invalid JSON: ", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_values_cannot_be_written_as_json()
    {
        var type = CtyType.FromJson("""["object",{"a":["list","string"]}]""");
        var value = CtyValue.Object((ObjectType)type, new Dictionary<string, CtyValue>
        {
            ["a"] = CtyValue.List(CtyType.String, [CtyValue.String("x"), CtyValue.Unknown(CtyType.String)]),
        });
        var e = Assert.Throws<CtyEncodeException>(() => JsonValueCodec.Encode(value, type));
        Assert.Equal("a[1]", e.Path.ToString());
        Assert.Throws<CtyEncodeException>(() => JsonValueCodec.Encode(CtyValue.Unknown(CtyType.Dynamic), CtyType.Dynamic));
    }

    [Fact]
    public void Encoding_a_value_of_the_wrong_type_fails_with_a_path()
    {
        var type = CtyType.FromJson("""["object",{"m":["map","string"]}]""");
        var wrong = CtyValue.Object(new Dictionary<string, CtyValue>
        {
            ["m"] = CtyValue.Map(CtyType.Number, [new("k", CtyValue.Number(1))]),
        });
        var e = Assert.Throws<CtyEncodeException>(() => JsonValueCodec.Encode(wrong, type));
        Assert.Equal("m[\"k\"]", e.Path.ToString());
        Assert.Equal("cannot encode a value of type \"number\" as \"string\"", e.Reason);
        var m = Assert.Throws<CtyEncodeException>(() => MsgPackCodec.Encode(wrong, type));
        Assert.Equal("m[\"k\"]", m.Path.ToString());
    }
}
