using static PodIdentity.Plugin.Values.Tests.Hex;

namespace PodIdentity.Plugin.Values.Tests;

/// <summary>Canonical bytes: decoding them and encoding the result gives the same bytes.</summary>
public sealed class MsgPackGoldenTests
{
    private const string Rules = """["object",{"name":"string","rules":["list",["object",{"port":"number","proto":"string"}]]}]""";

    // type JSON, canonical hex
    public static TheoryData<string, string> Golden => new()
    {
        // null and unknown, for every kind of type
        { "\"string\"", "c0" },
        { "\"number\"", "c0" },
        { "\"bool\"", "c0" },
        { "\"dynamic\"", "c0" },
        { "[\"list\",\"string\"]", "c0" },
        { "[\"object\",{\"a\":\"string\"}]", "c0" },
        { "\"string\"", "d4 00 00" },
        { "\"number\"", "d4 00 00" },
        { "\"bool\"", "d4 00 00" },
        { "\"dynamic\"", "d4 00 00" },
        { "[\"set\",\"number\"]", "d4 00 00" },
        { "[\"map\",\"string\"]", "d4 00 00" },
        { "[\"tuple\",[\"string\"]]", "d4 00 00" },
        { "[\"object\",{\"a\":\"string\"}]", "d4 00 00" },

        // bool
        { "\"bool\"", "c2" },
        { "\"bool\"", "c3" },

        // strings: fixstr, str8 at 32 bytes, multi-byte UTF-8
        { "\"string\"", "a0" },
        { "\"string\"", "a5 68 65 6c 6c 6f" },
        { "\"string\"", "a2 c3 a9" },
        { "\"string\"", "a4 f0 9f 98 80" },
        { "\"string\"", "bf" + string.Concat(Enumerable.Repeat(" 61", 31)) },
        { "\"string\"", "d9 20" + string.Concat(Enumerable.Repeat(" 61", 32)) },
        { "\"string\"", "d9 ff" + string.Concat(Enumerable.Repeat(" 62", 255)) },
        { "\"string\"", "da 01 00" + string.Concat(Enumerable.Repeat(" 63", 256)) },

        // integers: the smallest encoding at each boundary
        { "\"number\"", "00" },
        { "\"number\"", "01" },
        { "\"number\"", "7f" },
        { "\"number\"", "cc 80" },
        { "\"number\"", "cc ff" },
        { "\"number\"", "cd 01 00" },
        { "\"number\"", "cd ff ff" },
        { "\"number\"", "ce 00 01 00 00" },
        { "\"number\"", "ce ff ff ff ff" },
        { "\"number\"", "cf 00 00 00 01 00 00 00 00" },
        { "\"number\"", "cf 7f ff ff ff ff ff ff ff" },
        { "\"number\"", "ff" },
        { "\"number\"", "e0" },
        { "\"number\"", "d0 df" },
        { "\"number\"", "d0 80" },
        { "\"number\"", "d1 ff 7f" },
        { "\"number\"", "d1 80 00" },
        { "\"number\"", "d2 ff ff 7f ff" },
        { "\"number\"", "d2 80 00 00 00" },
        { "\"number\"", "d3 ff ff ff ff 7f ff ff ff" },
        { "\"number\"", "d3 80 00 00 00 00 00 00 00" },

        // non-integers that are exactly a double: float64
        { "\"number\"", "cb 3f f8 00 00 00 00 00 00" }, // 1.5
        { "\"number\"", "cb c0 04 00 00 00 00 00 00" }, // -2.5
        { "\"number\"", "cb 3f b9 99 99 99 99 99 9a" }, // the double nearest 0.1
        { "\"number\"", "cb 3f d5 55 55 55 55 55 55" }, // the double nearest 1/3
        { "\"number\"", "cb 00 00 00 00 00 00 00 01" }, // smallest subnormal

        // everything else: exact decimal text
        { "\"number\"", FixStr("0.1") },
        { "\"number\"", FixStr("-0.3") },
        { "\"number\"", FixStr("0.1000000000000000000001") },
        { "\"number\"", FixStr("9223372036854775808") }, // int64 max + 1 (a double, but integers stay text)
        { "\"number\"", FixStr("-9223372036854775809") },
        { "\"number\"", FixStr("18446744073709551616") },
        { "\"number\"", FixStr("123456789012345678901234567890") },
        { "\"number\"", "d9 21 " + Format(System.Text.Encoding.ASCII.GetBytes("3.1415926535897932384626433832795")) },

        // lists and sets
        { "[\"list\",\"string\"]", "90" },
        { "[\"list\",\"string\"]", "92 a1 61 a1 62" },
        { "[\"list\",\"string\"]", "92 a1 62 a1 61" }, // list order is kept
        { "[\"list\",\"string\"]", "93 a1 61 c0 d4 00 00" },
        { "[\"list\",\"string\"]", "92 a1 61 a1 61" }, // lists keep duplicates
        { "[\"list\",[\"list\",\"number\"]]", "92 92 01 02 90" },
        { "[\"list\",\"number\"]", "dc 00 10" + string.Concat(Enumerable.Range(0, 16).Select(i => $" {i:x2}")) },
        { "[\"set\",\"string\"]", "90" },
        { "[\"set\",\"string\"]", "93 a1 61 a1 62 a1 63" },
        { "[\"set\",\"number\"]", "94 ff 01 cb 3f f8 00 00 00 00 00 00 02" }, // numeric order: -1, 1, 1.5, 2
        { "[\"set\",\"string\"]", "93 a1 61 c0 d4 00 00" }, // known < null < unknown
        { "[\"set\",\"string\"]", "92 d4 00 00 d4 00 00" }, // unknowns are not merged

        // maps: keys in UTF-8 byte order
        { "[\"map\",\"string\"]", "80" },
        { "[\"map\",\"string\"]", "82 a1 61 a1 78 a1 62 a1 79" },
        { "[\"map\",\"string\"]", "83 a1 42 c0 a1 61 d4 00 00 a3 ef bc a1 a0" },
        { "[\"map\",\"string\"]", "82 a3 ef bc a1 a1 31 a4 f0 9f 98 80 a1 32" }, // U+FF21 before U+1F600
        { "[\"map\",[\"list\",\"bool\"]]", "81 a1 6b 92 c3 c2" },

        // tuples
        { "[\"tuple\",[]]", "90" },
        { "[\"tuple\",[\"string\",\"number\",\"bool\"]]", "93 a1 61 01 c3" },
        { "[\"tuple\",[\"string\",\"number\"]]", "92 c0 d4 00 00" },

        // objects: every attribute, names in byte order, null and unknown attributes
        { "[\"object\",{}]", "80" },
        { "[\"object\",{\"a\":\"string\",\"b\":\"number\"}]", "82 a1 61 a1 78 a1 62 01" },
        { "[\"object\",{\"a\":\"string\",\"b\":\"number\"}]", "82 a1 61 c0 a1 62 d4 00 00" },
        { "[\"object\",{\"a\":\"string\",\"b\":\"number\"},[\"b\"]]", "82 a1 61 a1 78 a1 62 c0" },
        { Rules, "82 a4 6e 61 6d 65 a3 77 65 62 a5 72 75 6c 65 73 92"
            + " 82 a4 70 6f 72 74 cd 01 bb a5 70 72 6f 74 6f a3 74 63 70"
            + " 82 a4 70 6f 72 74 d4 00 00 a5 70 72 6f 74 6f c0" },
        { Rules, "82 a4 6e 61 6d 65 d4 00 00 a5 72 75 6c 65 73 c0" },

        // dynamic: [bin(type JSON), value]
        { "\"dynamic\"", "92 " + Bin8("\"string\"") + " a5 68 65 6c 6c 6f" },
        { "\"dynamic\"", "92 " + Bin8("\"number\"") + " " + FixStr("0.1") },
        { "\"dynamic\"", "92 " + Bin8("[\"list\",\"number\"]") + " 92 01 d4 00 00" },
        { "\"dynamic\"", "92 " + Bin8("[\"object\",{\"a\":\"bool\"}]") + " 81 a1 61 c3" },
        { "[\"list\",\"dynamic\"]", "92 92 " + Bin8("\"bool\"") + " c3 92 " + Bin8("\"number\"") + " 05" },
        { "[\"object\",{\"v\":\"dynamic\"}]", "81 a1 76 92 " + Bin8("[\"map\",\"string\"]") + " 81 a1 6b a1 76" },

        // a null or unknown of a known type keeps its type in a dynamic slot, as go-cty writes it
        { "\"dynamic\"", "92 " + Bin8("\"string\"") + " c0" },
        { "\"dynamic\"", "92 " + Bin8("[\"list\",\"string\"]") + " d4 00 00" },
        { "[\"map\",\"dynamic\"]", "82 a1 61 92 " + Bin8("\"number\"") + " d4 00 00 a1 62 d4 00 00" },
    };

    [Theory]
    [MemberData(nameof(Golden))]
    public void Decodes_and_reencodes_to_the_same_bytes(string typeJson, string hex)
    {
        var type = CtyType.FromJson(typeJson);
        var bytes = Parse(hex);
        var value = MsgPackCodec.Decode(bytes, type);
        Assert.Equal(Format(bytes), Format(MsgPackCodec.Encode(value, type)));
    }

    // type JSON, hex, the decoded value rendered
    public static TheoryData<string, string, string> DecodedValues => new()
    {
        { "\"string\"", "c0", "null" },
        { "\"string\"", "d4 00 00", "(unknown string)" },
        { "\"string\"", "a5 68 65 6c 6c 6f", "\"hello\"" },
        { "\"number\"", "cf 7f ff ff ff ff ff ff ff", "9223372036854775807" },
        { "\"number\"", "d3 80 00 00 00 00 00 00 00", "-9223372036854775808" },
        { "\"number\"", "cb 3f b9 99 99 99 99 99 9a", "0.1000000000000000055511151231257827021181583404541015625" },
        { "\"number\"", FixStr("0.1000000000000000000001"), "0.1000000000000000000001" },
        { "\"number\"", FixStr("18446744073709551616"), "18446744073709551616" },
        { "[\"set\",\"string\"]", "92 d4 00 00 d4 00 00", "set[(unknown string), (unknown string)]" },
        { "[\"map\",\"number\"]", "82 a1 61 01 a1 62 c0", "{ \"a\" = 1, \"b\" = null }" },
    };

    [Theory]
    [MemberData(nameof(DecodedValues))]
    public void Decodes_to_the_expected_value(string typeJson, string hex, string rendered)
    {
        Assert.Equal(rendered, MsgPackCodec.Decode(Parse(hex), CtyType.FromJson(typeJson)).ToString());
    }

    [Fact]
    public void Encodes_constructed_values_to_known_bytes()
    {
        var rule = CtyType.Object(new Dictionary<string, CtyType> { ["port"] = CtyType.Number, ["proto"] = CtyType.String });
        var type = (ObjectType)CtyType.FromJson(Rules);
        var value = CtyValue.Object(type, new Dictionary<string, CtyValue>
        {
            ["name"] = CtyValue.String("web"),
            ["rules"] = CtyValue.List(rule,
            [
                CtyValue.Object(rule, new Dictionary<string, CtyValue> { ["port"] = CtyValue.Number(443), ["proto"] = CtyValue.String("tcp") }),
                CtyValue.Object(rule, new Dictionary<string, CtyValue> { ["port"] = CtyValue.Unknown(CtyType.Number), ["proto"] = CtyValue.Null(CtyType.String) }),
            ]),
        });
        Assert.Equal(
            "82 a4 6e 61 6d 65 a3 77 65 62 a5 72 75 6c 65 73 92"
            + " 82 a4 70 6f 72 74 cd 01 bb a5 70 72 6f 74 6f a3 74 63 70"
            + " 82 a4 70 6f 72 74 d4 00 00 a5 70 72 6f 74 6f c0",
            Format(MsgPackCodec.Encode(value, type)));
        Assert.Equal(value, MsgPackCodec.Decode(MsgPackCodec.Encode(value, type), type));
    }

    [Fact]
    public void Encodes_numbers_by_the_canonical_rules()
    {
        Assert.Equal("01", Format(MsgPackCodec.Encode(CtyValue.Number(1.0), CtyType.Number)));
        Assert.Equal("cd 03 e8", Format(MsgPackCodec.Encode(CtyValue.Number(CtyNumber.Parse("1e3")), CtyType.Number)));
        Assert.Equal("cb 3f b9 99 99 99 99 99 9a", Format(MsgPackCodec.Encode(CtyValue.Number(0.1), CtyType.Number)));
        Assert.Equal(FixStr("0.1"), Format(MsgPackCodec.Encode(CtyValue.Number(CtyNumber.Parse("0.1")), CtyType.Number)));
        Assert.Equal("cb 3f e0 00 00 00 00 00 00", Format(MsgPackCodec.Encode(CtyValue.Number(CtyNumber.Parse("0.5")), CtyType.Number)));
        Assert.Equal(FixStr("9223372036854775808"), Format(MsgPackCodec.Encode(CtyValue.Number(9223372036854775808.0), CtyType.Number)));
        var big = MsgPackCodec.Encode(CtyValue.Number(CtyNumber.Parse("1e400")), CtyType.Number);
        Assert.Equal("da 01 91 31 30 30", Format(big.AsSpan(0, 6)));
        Assert.Equal(3 + 401, big.Length);
    }

    [Fact]
    public void Decoded_values_are_what_the_bytes_say()
    {
        var t = CtyType.FromJson(Rules);
        var v = MsgPackCodec.Decode(Parse("82 a4 6e 61 6d 65 d4 00 00 a5 72 75 6c 65 73 c0"), t);
        Assert.False(v.GetAttribute("name").IsKnown);
        Assert.True(v.GetAttribute("rules").IsNull);
        Assert.True(v.IsKnown);
        Assert.False(v.IsWhollyKnown);

        var d = MsgPackCodec.Decode(Parse("92 " + Bin8("[\"list\",\"number\"]") + " 92 01 d4 00 00"), CtyType.Dynamic);
        Assert.Equal(CtyType.List(CtyType.Number), d.Type);
        Assert.Equal(CtyValue.List(CtyType.Number, [CtyValue.Number(1), CtyValue.Unknown(CtyType.Number)]), d);

        Assert.Equal(CtyValue.Unknown(CtyType.Dynamic), MsgPackCodec.Decode(Parse("d4 00 00"), CtyType.Dynamic));
        Assert.Equal(CtyValue.Null(CtyType.Dynamic), MsgPackCodec.Decode(Parse("c0"), CtyType.Dynamic));
        Assert.Equal(CtyValue.Unknown(CtyType.List(CtyType.String)), MsgPackCodec.Decode(Parse("92 " + Bin8("[\"list\",\"string\"]") + " d4 00 00"), CtyType.Dynamic));
    }

    [Fact]
    public void A_typed_null_or_unknown_in_a_dynamic_slot_keeps_its_type_when_written_back()
    {
        // Written bare (d4 00 00 / c0), these used to come back as unknown or null of type dynamic.
        foreach (var value in new[] { CtyValue.Unknown(CtyType.List(CtyType.String)), CtyValue.Null(CtyType.String) })
        {
            var bytes = MsgPackCodec.Encode(value, CtyType.Dynamic);
            Assert.Equal("92 " + Bin8(value.Type.ToJson()) + (value.IsNull ? " c0" : " d4 00 00"), Format(bytes));
            var back = MsgPackCodec.Decode(bytes, CtyType.Dynamic);
            Assert.Equal(value.Type, back.Type);
            Assert.Equal(value, back);
        }

        // Only a value whose type is itself unknown is written bare.
        Assert.Equal("d4 00 00", Format(MsgPackCodec.Encode(CtyValue.Unknown(CtyType.Dynamic), CtyType.Dynamic)));
        Assert.Equal("c0", Format(MsgPackCodec.Encode(CtyValue.Null(CtyType.Dynamic), CtyType.Dynamic)));
    }
}
