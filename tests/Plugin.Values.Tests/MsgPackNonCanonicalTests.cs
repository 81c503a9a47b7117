using static PodIdentity.Plugin.Values.Tests.Hex;

namespace PodIdentity.Plugin.Values.Tests;

/// <summary>Legal but non-canonical encodings: accepted, and re-encoded in the canonical form.</summary>
public sealed class MsgPackNonCanonicalTests
{
    private const string RefinedPayload = "82 01 c2 02 a2 61 62"; // {1: false (not null), 2: "ab" (prefix)}

    // type JSON, input hex, canonical hex
    public static TheoryData<string, string, string> Cases => new()
    {
        // integers in wider encodings than needed
        { "\"number\"", "cc 05", "05" },
        { "\"number\"", "cd 00 05", "05" },
        { "\"number\"", "ce 00 00 00 05", "05" },
        { "\"number\"", "cf 00 00 00 00 00 00 00 05", "05" },
        { "\"number\"", "d0 05", "05" },
        { "\"number\"", "d1 00 05", "05" },
        { "\"number\"", "d2 00 00 00 05", "05" },
        { "\"number\"", "d3 00 00 00 00 00 00 00 05", "05" },
        { "\"number\"", "d0 ff", "ff" },
        { "\"number\"", "d3 ff ff ff ff ff ff ff ff", "ff" },
        { "\"number\"", "d1 00 80", "cc 80" },
        { "\"number\"", "d3 00 00 00 00 ff ff ff ff", "ce ff ff ff ff" },
        { "\"number\"", "d1 ff 80", "d0 80" },

        // uint64 beyond int64 becomes decimal text
        { "\"number\"", "cf ff ff ff ff ff ff ff ff", FixStr("18446744073709551615") },
        { "\"number\"", "cf 80 00 00 00 00 00 00 00", FixStr("9223372036854775808") },

        // floats: integral values become ints, float32 widens to float64
        { "\"number\"", "cb 40 08 00 00 00 00 00 00", "03" },
        { "\"number\"", "cb 80 00 00 00 00 00 00 00", "00" }, // -0.0
        { "\"number\"", "cb c1 e0 00 00 00 00 00 00", "d2 80 00 00 00" }, // -2^31
        { "\"number\"", "cb 43 e0 00 00 00 00 00 00", FixStr("9223372036854775808") }, // 2^63
        { "\"number\"", "ca 3f c0 00 00", "cb 3f f8 00 00 00 00 00 00" }, // 1.5f
        { "\"number\"", "ca 3e 4c cc cd", "cb 3f c9 99 99 a0 00 00 00" }, // 0.2f, exactly
        { "\"number\"", "ca 42 28 00 00", "2a" }, // 42.0f

        // numbers as text
        { "\"number\"", FixStr("42"), "2a" },
        { "\"number\"", FixStr("-1"), "ff" },
        { "\"number\"", FixStr("1e3"), "cd 03 e8" },
        { "\"number\"", FixStr("1.5"), "cb 3f f8 00 00 00 00 00 00" },
        { "\"number\"", FixStr("0.10"), FixStr("0.1") },
        { "\"number\"", FixStr("-0"), "00" },
        { "\"number\"", FixStr("+7.000"), "07" },
        { "\"number\"", "d9 03 30 2e 31", FixStr("0.1") },
        { "\"number\"", "c4 02 34 32", "2a" },

        // strings in wider str headers, or as bin
        { "\"string\"", "d9 01 61", "a1 61" },
        { "\"string\"", "da 00 01 61", "a1 61" },
        { "\"string\"", "db 00 00 00 01 61", "a1 61" },
        { "\"string\"", "c4 01 61", "a1 61" },
        { "\"string\"", "c5 00 01 61", "a1 61" },
        { "\"string\"", "c6 00 00 00 01 61", "a1 61" },
        { "\"string\"", "d9 00", "a0" },

        // containers with wider headers
        { "[\"list\",\"string\"]", "dc 00 01 a1 61", "91 a1 61" },
        { "[\"list\",\"string\"]", "dd 00 00 00 01 a1 61", "91 a1 61" },
        { "[\"list\",\"string\"]", "dc 00 00", "90" },
        { "[\"tuple\",[\"bool\"]]", "dd 00 00 00 01 c3", "91 c3" },
        { "[\"map\",\"string\"]", "de 00 01 a1 61 a1 78", "81 a1 61 a1 78" },
        { "[\"map\",\"string\"]", "df 00 00 00 01 a1 61 a1 78", "81 a1 61 a1 78" },
        { "[\"object\",{\"a\":\"bool\"}]", "de 00 01 a1 61 c3", "81 a1 61 c3" },

        // order: map keys and object attributes are sorted, sets are sorted and de-duplicated
        { "[\"map\",\"number\"]", "83 a1 63 03 a1 61 01 a1 62 02", "83 a1 61 01 a1 62 02 a1 63 03" },
        { "[\"map\",\"number\"]", "82 a4 f0 9f 98 80 02 a3 ef bc a1 01", "82 a3 ef bc a1 01 a4 f0 9f 98 80 02" },
        { "[\"map\",\"string\"]", "81 c4 01 61 a1 78", "81 a1 61 a1 78" },
        { "[\"object\",{\"a\":\"string\",\"b\":\"number\"}]", "82 a1 62 01 a1 61 a1 78", "82 a1 61 a1 78 a1 62 01" },
        { "[\"set\",\"string\"]", "93 a1 62 a1 61 a1 62", "92 a1 61 a1 62" },
        { "[\"set\",\"number\"]", "94 03 cb 40 08 00 00 00 00 00 00 " + FixStr("3") + " 01", "92 01 03" },
        { "[\"set\",\"string\"]", "93 d4 00 00 c0 a1 7a", "93 a1 7a c0 d4 00 00" },

        // unknown in any extension encoding or type, refined unknowns: all re-encoded as plain d4 00 00.
        // This is the one place decoding loses information on purpose: refinements are dropped.
        { "\"string\"", "d5 00 00 00", "d4 00 00" },
        { "\"string\"", "c7 00 00", "d4 00 00" },
        { "\"string\"", "d4 05 00", "d4 00 00" },
        { "\"string\"", "d4 ff 00", "d4 00 00" },
        { "\"number\"", "d8 01" + string.Concat(Enumerable.Repeat(" 00", 16)), "d4 00 00" },
        { "\"string\"", "c8 00 01 00 00", "d4 00 00" },
        { "\"string\"", "c9 00 00 00 01 00 00", "d4 00 00" },
        { "\"string\"", "c7 07 0c " + RefinedPayload, "d4 00 00" },
        { "\"string\"", "c7 01 0c 80", "d4 00 00" },
        { "\"number\"", "c7 0d 0c 81 03 92 cb 3f f8 00 00 00 00 00 00 c3", "d4 00 00" }, // lower bound 1.5, inclusive
        { "[\"list\",\"string\"]", "c7 05 0c 82 05 01 06 03", "d4 00 00" }, // length bounds 1..3
        { "\"dynamic\"", "c7 03 0c 81 01 c2", "d4 00 00" },
        { "[\"object\",{\"a\":\"string\"}]", "81 a1 61 c7 07 0c " + RefinedPayload, "81 a1 61 d4 00 00" },

        // dynamic: type JSON as str instead of bin, wider headers, spaces in the type JSON
        { "\"dynamic\"", "92 " + FixStr("\"string\"") + " a1 78", "92 " + Bin8("\"string\"") + " a1 78" },
        { "\"dynamic\"", "dc 00 02 " + Bin8("\"bool\"") + " c3", "92 " + Bin8("\"bool\"") + " c3" },
        { "\"dynamic\"", "92 " + Bin8(" [ \"list\" , \"bool\" ] ") + " 90", "92 " + Bin8("[\"list\",\"bool\"]") + " 90" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Accepts_and_reencodes_canonically(string typeJson, string input, string canonical)
    {
        var type = CtyType.FromJson(typeJson);
        var value = MsgPackCodec.Decode(Parse(input), type);
        Assert.Equal(canonical, Format(MsgPackCodec.Encode(value, type)));
        Assert.Equal(value, MsgPackCodec.Decode(Parse(canonical), type));
    }

    [Fact]
    public void A_float64_that_is_not_an_integer_reencodes_bit_for_bit()
    {
        var random = new Random(1234);
        for (var i = 0; i < 2000; i++)
        {
            var d = (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-300, 300));
            if (Math.Floor(d) == d)
            {
                continue;
            }

            var bytes = new byte[9];
            bytes[0] = 0xcb;
            System.Buffers.Binary.BinaryPrimitives.WriteDoubleBigEndian(bytes.AsSpan(1), d);
            var value = MsgPackCodec.Decode(bytes, CtyType.Number);
            Assert.Equal(Format(bytes), Format(MsgPackCodec.Encode(value, CtyType.Number)));
        }
    }
}
