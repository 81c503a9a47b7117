using static PodIdentity.Plugin.Values.Tests.Hex;

namespace PodIdentity.Plugin.Values.Tests;

/// <summary>Malformed or non-conforming input: the exact reason and the path where it was found.</summary>
public sealed class MsgPackMalformedTests
{
    private const string Rules = """["object",{"rules":["list",["object",{"name":"string"}]]}]""";
    private const string Tags = """["object",{"tags":["map","string"]}]""";

    // type JSON, input hex, reason, path
    public static TheoryData<string, string, string, string> Cases => new()
    {
        // truncation
        { "\"string\"", "", "unexpected end of input at byte 0", "" },
        { "\"string\"", "a5 68 65", "unexpected end of input at byte 0", "" },
        { "\"string\"", "d9", "unexpected end of input at byte 0", "" },
        { "\"number\"", "cd 01", "unexpected end of input at byte 0", "" },
        { "\"number\"", "cb 3f f8 00", "unexpected end of input at byte 0", "" },
        { "[\"list\",\"string\"]", "92 a1 61", "unexpected end of input at byte 3", "[1]" },
        { "[\"list\",\"string\"]", "dd ff ff ff ff", "unexpected end of input at byte 5", "" },
        { "[\"map\",\"string\"]", "df 7f ff ff ff a1 61", "unexpected end of input at byte 5", "" },
        { "\"string\"", "c7 05 00 00", "unexpected end of input at byte 0", "" },
        { Tags, "81 a4 74 61 67 73 81 a1 61", "unexpected end of input at byte 9", "tags[\"a\"]" },

        // trailing bytes
        { "\"string\"", "a1 61 00", "1 unexpected bytes after the value", "" },
        { "[\"list\",\"bool\"]", "90 c3 c3", "2 unexpected bytes after the value", "" },

        // wrong kind for the type
        { "\"string\"", "01", "expected string, found number", "" },
        { "\"string\"", "c3", "expected string, found bool", "" },
        { "\"string\"", "90", "expected string, found array", "" },
        { "\"number\"", "c3", "expected number, found bool", "" },
        { "\"number\"", "80", "expected number, found map", "" },
        { "\"bool\"", "a1 61", "expected bool, found string", "" },
        { "\"bool\"", "00", "expected bool, found number", "" },
        { "\"string\"", "c1", "expected string, found the never-used byte 0xc1", "" },
        { "[\"list\",\"string\"]", "a1 61", "expected array, found string", "" },
        { "[\"set\",\"string\"]", "80", "expected array, found map", "" },
        { "[\"map\",\"string\"]", "90", "expected map, found array", "" },
        { "[\"tuple\",[\"string\"]]", "81 a1 61 a1 61", "expected array, found map", "" },
        { "[\"object\",{\"a\":\"string\"}]", "91 a1 61", "expected map, found array", "" },
        { "\"dynamic\"", "a1 61", "expected array, found string", "" },

        // bad contents
        { "\"string\"", "a1 ff", "string is not valid UTF-8", "" },
        { "\"string\"", "a2 c3 28", "string is not valid UTF-8", "" },
        { "\"number\"", FixStr("abc"), "invalid number \"abc\"", "" },
        { "\"number\"", FixStr("1e99999"), "invalid number \"1e99999\"", "" },
        { "\"number\"", FixStr("NaN"), "invalid number \"NaN\"", "" },
        { "\"number\"", "cb 7f f8 00 00 00 00 00 00", "number must be finite (no NaN or infinity)", "" },
        { "\"number\"", "cb 7f f0 00 00 00 00 00 00", "number must be finite (no NaN or infinity)", "" },
        { "\"number\"", "ca ff 80 00 00", "number must be finite (no NaN or infinity)", "" },

        // objects: unknown, duplicate and missing attributes; paths inside
        { "[\"object\",{\"a\":\"string\"}]", "81 a1 62 a1 78", "unsupported attribute \"b\"", "" },
        { "[\"object\",{\"a\":\"string\"}]", "82 a1 61 a1 78 a1 62 a1 79", "unsupported attribute \"b\"", "" },
        { "[\"object\",{\"a\":\"string\"}]", "82 a1 61 a1 78 a1 61 a1 79", "duplicate attribute \"a\"", "" },
        { "[\"object\",{\"a\":\"string\",\"b\":\"number\"}]", "81 a1 61 a1 78", "missing attribute \"b\"", "" },
        { "[\"object\",{\"a\":\"string\",\"b\":\"number\"},[\"b\"]]", "81 a1 61 a1 78", "missing attribute \"b\"", "" },
        { "[\"object\",{\"a\":\"string\"}]", "80", "missing attribute \"a\"", "" },
        { "[\"object\",{\"a\":\"string\"}]", "81 01 a1 78", "expected attribute name (string), found number", "" },
        { Rules, "81 a5 72 75 6c 65 73 93 81 a4 6e 61 6d 65 a1 61 81 a4 6e 61 6d 65 a1 62 81 a4 6e 61 6d 65 01",
            "expected string, found number", "rules[2].name" },
        { Rules, "81 a5 72 75 6c 65 73 91 81 a4 6e 61 6d 66 a1 61", "unsupported attribute \"namf\"", "rules[0]" },
        { Rules, "81 a5 72 75 6c 65 73 91 80", "missing attribute \"name\"", "rules[0]" },

        // maps
        { Tags, "81 a4 74 61 67 73 81 a1 61 c3", "expected string, found bool", "tags[\"a\"]" },
        { Tags, "81 a4 74 61 67 73 82 a1 61 a1 78 a1 61 a1 79", "duplicate map key \"a\"", "tags" },
        { Tags, "81 a4 74 61 67 73 83 a1 62 a1 78 a1 61 a1 79 a1 62 a1 7a", "duplicate map key \"b\"", "tags" },
        { Tags, "81 a4 74 61 67 73 81 01 a1 78", "expected map key (string), found number", "tags" },
        { Tags, "81 a4 74 61 67 73 81 a1 ff a1 78", "string is not valid UTF-8", "tags" },

        // tuples
        { "[\"tuple\",[\"string\",\"number\"]]", "91 a1 61", "tuple must have 2 elements, found 1", "" },
        { "[\"tuple\",[\"string\"]]", "92 a1 61 01", "tuple must have 1 elements, found 2", "" },
        { "[\"tuple\",[\"string\",\"number\"]]", "92 a1 61 c3", "expected number, found bool", "[1]" },
        { "[\"tuple\",[\"string\",\"number\"]]", "92 a1 61 a1 62", "invalid number \"b\"", "[1]" },

        // unknowns: oversize and malformed refinements
        { "\"string\"", "c8 04 01 00" + string.Concat(Enumerable.Repeat(" 00", 1025)),
            "unknown-value extension payload is 1025 bytes, over the 1024-byte limit", "" },
        { "\"string\"", "c9 00 00 10 00 0c" + string.Concat(Enumerable.Repeat(" 00", 4096)),
            "unknown-value extension payload is 4096 bytes, over the 1024-byte limit", "" },
        { "[\"list\",\"string\"]", "91 c7 01 0c c0", "refined unknown payload must be a msgpack map", "[0]" },
        { "\"string\"", "c7 00 0c", "refined unknown payload must be a msgpack map", "" },
        { "\"string\"", "c7 04 0c 81 01 c2 00", "refined unknown payload has data after its map", "" },
        { "\"string\"", "c7 02 0c 81 01", "refined unknown payload is malformed: unexpected end of input at byte 1", "" },
        { "\"string\"", "c7 03 0c 81 01 c1", "refined unknown payload is malformed: invalid msgpack byte 0xc1", "" },

        // dynamic
        { "\"dynamic\"", "91 c0", "dynamic value must be a 2-element array [type, value], found 1 elements", "" },
        { "\"dynamic\"", "93 " + Bin8("\"bool\"") + " c3 c3", "dynamic value must be a 2-element array [type, value], found 3 elements", "" },
        { "\"dynamic\"", "92 01 c3", "expected type JSON (string or binary), found number", "" },
        { "\"dynamic\"", "92 " + Bin8("\"boolean\"") + " c3", "invalid type JSON: unknown primitive type \"boolean\"", "" },
        { "\"dynamic\"", "92 " + Bin8("\"dynamic\"") + " c3", "a dynamic value's type cannot itself be dynamic", "" },
        { "\"dynamic\"", "92 " + Bin8("\"bool\"") + " a1 61", "expected bool, found string", "" },
        { "[\"map\",\"dynamic\"]", "81 a1 6b 92 " + Bin8("[\"list\",\"number\"]") + " 91 c3", "expected number, found bool", "[\"k\"][0]" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Rejects_with_reason_and_path(string typeJson, string hex, string reason, string path)
    {
        var e = Assert.Throws<CtyDecodeException>(() => MsgPackCodec.Decode(Parse(hex), CtyType.FromJson(typeJson)));
        Assert.Equal(reason, e.Reason);
        Assert.Equal(path, e.Path.ToString());
        Assert.Equal(path.Length == 0 ? reason : $"{path}: {reason}", e.Message);
    }

    [Fact]
    public void Path_steps_say_what_kind_of_step_each_is()
    {
        var e = Assert.Throws<CtyDecodeException>(() => MsgPackCodec.Decode(
            Parse("81 a5 72 75 6c 65 73 93 80 80 81 a4 6e 61 6d 65 01"), CtyType.FromJson(Rules)));
        Assert.Equal(AttributePath.Root.Attribute("rules").Index(0), e.Path);
        Assert.Equal("missing attribute \"name\"", e.Reason);

        e = Assert.Throws<CtyDecodeException>(() => MsgPackCodec.Decode(
            Parse("81 a4 74 61 67 73 81 a3 65 6e 76 01"), CtyType.FromJson(Tags)));
        Assert.Equal(AttributePath.Root.Attribute("tags").Key("env"), e.Path);
    }

    [Fact]
    public void Nesting_beyond_the_guard_is_rejected()
    {
        CtyType type = CtyType.String;
        for (var i = 0; i < 70; i++)
        {
            type = CtyType.List(type);
        }

        var input = Parse(string.Concat(Enumerable.Repeat("91 ", 70)) + "a0");
        var e = Assert.Throws<CtyDecodeException>(() => MsgPackCodec.Decode(input, type));
        Assert.Equal("value is nested deeper than 64 levels", e.Reason);
        Assert.Equal(string.Concat(Enumerable.Repeat("[0]", 64)), e.Path.ToString());

        // 64 levels are fine.
        CtyType ok = CtyType.String;
        for (var i = 0; i < 64; i++)
        {
            ok = CtyType.List(ok);
        }

        var okInput = Parse(string.Concat(Enumerable.Repeat("91 ", 64)) + "a0");
        Assert.Equal(Format(okInput), Format(MsgPackCodec.Encode(MsgPackCodec.Decode(okInput, ok), ok)));
    }

    [Fact]
    public void Nesting_through_dynamic_values_is_also_bounded()
    {
        // Each level is a dynamic wrapper holding a list(dynamic): the type alone cannot bound the depth.
        var level = "92 " + Bin8("[\"list\",\"dynamic\"]") + " 91 ";
        var input = Parse(string.Concat(Enumerable.Repeat(level, 40)) + "c0");
        var e = Assert.Throws<CtyDecodeException>(() => MsgPackCodec.Decode(input, CtyType.Dynamic));
        Assert.Equal("value is nested deeper than 64 levels", e.Reason);
    }
}
