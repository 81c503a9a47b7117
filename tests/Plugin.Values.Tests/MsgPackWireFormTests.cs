using System.Text;
using static PodIdentity.Plugin.Values.Tests.Hex;

namespace PodIdentity.Plugin.Values.Tests;

/// <summary>
/// The msgpack rules the codec owes Terraform whichever library moves the bytes: smallest headers at every size
/// boundary, strict UTF-8, every extension form as unknown, bounded refinements, and nothing but
/// <see cref="CtyDecodeException"/> out of the decoder.
/// </summary>
public sealed class MsgPackWireFormTests
{
    [Theory]
    [InlineData(0L, "00")]
    [InlineData(127L, "7f")]
    [InlineData(128L, "cc 80")]
    [InlineData(255L, "cc ff")]
    [InlineData(256L, "cd 01 00")]
    [InlineData(65535L, "cd ff ff")]
    [InlineData(65536L, "ce 00 01 00 00")]
    [InlineData(4294967295L, "ce ff ff ff ff")]
    [InlineData(4294967296L, "cf 00 00 00 01 00 00 00 00")]
    [InlineData(long.MaxValue, "cf 7f ff ff ff ff ff ff ff")]
    [InlineData(-1L, "ff")]
    [InlineData(-32L, "e0")]
    [InlineData(-33L, "d0 df")]
    [InlineData(-128L, "d0 80")]
    [InlineData(-129L, "d1 ff 7f")]
    [InlineData(-32768L, "d1 80 00")]
    [InlineData(-32769L, "d2 ff ff 7f ff")]
    [InlineData(-2147483648L, "d2 80 00 00 00")]
    [InlineData(-2147483649L, "d3 ff ff ff ff 7f ff ff ff")]
    [InlineData(long.MinValue, "d3 80 00 00 00 00 00 00 00")]
    public void Integers_take_the_smallest_encoding(long value, string hex)
    {
        Assert.Equal(hex, Format(MsgPackCodec.Encode(CtyValue.Number(value), CtyType.Number)));
        Assert.Equal(CtyValue.Number(value), MsgPackCodec.Decode(Parse(hex), CtyType.Number));
    }

    [Fact]
    public void Uint64_above_int64_is_read_exactly()
    {
        Assert.Equal("18446744073709551615", MsgPackCodec.Decode(Parse("cf ff ff ff ff ff ff ff ff"), CtyType.Number).ToString());
        Assert.Equal("9223372036854775808", MsgPackCodec.Decode(Parse("cf 80 00 00 00 00 00 00 00"), CtyType.Number).ToString());
        var list = MsgPackCodec.Decode(Parse("92 cf ff ff ff ff ff ff ff ff d3 80 00 00 00 00 00 00 00"), CtyType.List(CtyType.Number));
        Assert.Equal("[18446744073709551615, -9223372036854775808]", list.ToString());
    }

    [Theory]
    [InlineData(0, "a0")]
    [InlineData(31, "bf")]
    [InlineData(32, "d9 20")]
    [InlineData(255, "d9 ff")]
    [InlineData(256, "da 01 00")]
    [InlineData(65535, "da ff ff")]
    [InlineData(65536, "db 00 01 00 00")]
    public void Strings_take_the_smallest_header(int length, string header)
    {
        var text = new string('x', length);
        var bytes = MsgPackCodec.Encode(CtyValue.String(text), CtyType.String);
        Assert.StartsWith(header, Format(bytes.AsSpan(0, Math.Min(bytes.Length, 5))), StringComparison.Ordinal);
        Assert.Equal(Parse(header).Length + length, bytes.Length);
        Assert.Equal(text, MsgPackCodec.Decode(bytes, CtyType.String).AsString());
    }

    [Fact]
    public void String_lengths_count_utf8_bytes()
    {
        // 27 UTF-16 chars, 32 bytes: past fixstr.
        var text = "é" + new string('a', 9) + "😀" + "ü" + new string('b', 12) + "€";
        var bytes = MsgPackCodec.Encode(CtyValue.String(text), CtyType.String);
        Assert.Equal(Encoding.UTF8.GetByteCount(text), bytes[1]);
        Assert.Equal(0xd9, bytes[0]);
        Assert.Equal(text, MsgPackCodec.Decode(bytes, CtyType.String).AsString());
    }

    [Theory]
    [InlineData(15, "9f", "8f")]
    [InlineData(16, "dc 00 10", "de 00 10")]
    [InlineData(65535, "dc ff ff", "de ff ff")]
    [InlineData(65536, "dd 00 01 00 00", "df 00 01 00 00")]
    public void Containers_take_the_smallest_header(int count, string array, string map)
    {
        var list = CtyValue.List(CtyType.Bool, Enumerable.Repeat(CtyValue.True, count));
        var listBytes = MsgPackCodec.Encode(list, CtyType.List(CtyType.Bool));
        Assert.Equal(array, Format(listBytes.AsSpan(0, Parse(array).Length)));
        Assert.Equal(list, MsgPackCodec.Decode(listBytes, CtyType.List(CtyType.Bool)));

        var entries = Enumerable.Range(0, count).Select(i => KeyValuePair.Create(i.ToString("x5", null), CtyValue.False));
        var mapType = CtyType.Map(CtyType.Bool);
        var mapBytes = MsgPackCodec.Encode(CtyValue.Map(CtyType.Bool, entries), mapType);
        Assert.Equal(map, Format(mapBytes.AsSpan(0, Parse(map).Length)));
        Assert.Equal(count, MsgPackCodec.Decode(mapBytes, mapType).MapSpan.Length);
    }

    [Fact]
    public void Long_type_json_in_a_dynamic_value_takes_a_bin16_header()
    {
        var attributes = Enumerable.Range(0, 40).ToDictionary(i => $"attribute_{i:d2}", _ => (CtyType)CtyType.String);
        var type = CtyType.Object(attributes);
        var value = CtyValue.Object(type, attributes.ToDictionary(a => a.Key, _ => CtyValue.String("v")));
        var bytes = MsgPackCodec.Encode(value, CtyType.Dynamic);
        var json = Encoding.UTF8.GetBytes(type.ToJson());
        Assert.True(json.Length > 255);
        Assert.Equal($"92 c5 {json.Length >> 8:x2} {json.Length & 0xff:x2}", Format(bytes.AsSpan(0, 4)));
        Assert.Equal(value, MsgPackCodec.Decode(bytes, CtyType.Dynamic));
    }

    [Theory]
    [InlineData("a2 c0 80")] // overlong NUL
    [InlineData("a2 c1 bf")] // overlong
    [InlineData("a3 e0 80 80")] // overlong
    [InlineData("a3 ed a0 80")] // UTF-16 surrogate
    [InlineData("a4 f4 90 80 80")] // above U+10FFFF
    [InlineData("a2 e2 82")] // truncated sequence
    [InlineData("a1 80")] // lone continuation byte
    [InlineData("c4 01 ff")] // as bin
    [InlineData("d9 01 fe")] // as str8
    public void Strings_must_be_strict_utf8(string hex)
    {
        var e = Assert.Throws<CtyDecodeException>(() => MsgPackCodec.Decode(Parse(hex), CtyType.String));
        Assert.Equal("string is not valid UTF-8", e.Reason);

        var inList = Assert.Throws<CtyDecodeException>(() => MsgPackCodec.Decode(Parse("92 a0 " + hex), CtyType.List(CtyType.String)));
        Assert.Equal("[1]", inList.Path.ToString());
    }

    [Theory]
    [InlineData("d4 07 00")]
    [InlineData("d5 07 00 00")]
    [InlineData("d6 07 00 00 00 00")]
    [InlineData("d7 07 00 00 00 00 00 00 00 00")]
    [InlineData("d8 07 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00")]
    [InlineData("c7 03 07 00 00 00")]
    [InlineData("c8 00 03 07 00 00 00")]
    [InlineData("c9 00 00 00 03 07 00 00 00")]
    [InlineData("c7 00 80")]
    public void Every_extension_form_and_type_is_unknown(string hex)
    {
        var list = MsgPackCodec.Decode(Parse("92 " + hex + " a1 61"), CtyType.List(CtyType.String));
        Assert.Equal("[(unknown string), \"a\"]", list.ToString());
    }

    [Fact]
    public void Extension_payloads_up_to_the_limit_are_accepted()
    {
        var atLimit = "c8 04 00 05" + string.Concat(Enumerable.Repeat(" 00", 1024));
        Assert.False(MsgPackCodec.Decode(Parse(atLimit), CtyType.String).IsKnown);
        var refined = "c8 04 00 0c de 00 01 01 da 03 f9" + string.Concat(Enumerable.Repeat(" 61", 1017));
        Assert.False(MsgPackCodec.Decode(Parse(refined), CtyType.String).IsKnown);
    }

    [Theory]
    [InlineData("81 01 81 a1 61 93 c0 c2 d4 00 00")]
    [InlineData("de 00 01 c4 01 61 dd 00 00 00 01 ca 00 00 00 00")]
    [InlineData("82 01 c2 02 cf ff ff ff ff ff ff ff ff")]
    [InlineData("81 01 c7 02 0c 80 80")]
    public void Refinement_payloads_of_any_shape_are_skipped_whole(string payload)
    {
        var length = Parse(payload).Length;
        var input = $"92 c7 {length:x2} 0c {payload} 2a";
        Assert.Equal("[(unknown number), 42]", MsgPackCodec.Decode(Parse(input), CtyType.List(CtyType.Number)).ToString());
    }

    [Fact]
    public void Refinement_nesting_is_bounded_by_the_depth_limit()
    {
        string Nested(int levels) => "81 01 " + string.Concat(Enumerable.Repeat("91 ", levels - 1)) + "c0";
        string Refined(string payload) => $"c7 {Parse(payload).Length:x2} 0c {payload}";

        Assert.False(MsgPackCodec.Decode(Parse(Refined(Nested(MsgPackCodec.MaxDepth))), CtyType.String).IsKnown);
        var e = Assert.Throws<CtyDecodeException>(() =>
            MsgPackCodec.Decode(Parse("81 a1 61 " + Refined(Nested(MsgPackCodec.MaxDepth + 1))), CtyType.Map(CtyType.String)));
        Assert.Equal("refined unknown payload is malformed: nesting is deeper than 64 levels", e.Reason);
        Assert.Equal("[\"a\"]", e.Path.ToString());
    }

    [Theory]
    [InlineData("\"string\"", "db ff ff ff ff 61", "unexpected end of input at byte 0")]
    [InlineData("\"string\"", "c6 81 61 01 35 61", "unexpected end of input at byte 0")]
    [InlineData("\"number\"", "db 80 00 00 00 31", "unexpected end of input at byte 0")]
    [InlineData("\"string\"", "c9 ff ff ff ff 00 00", "unexpected end of input at byte 0")]
    [InlineData("[\"list\",\"string\"]", "dd ff ff ff ff a0", "unexpected end of input at byte 5")]
    [InlineData("[\"map\",\"string\"]", "df 80 00 00 00 a0 a0", "unexpected end of input at byte 5")]
    [InlineData("\"string\"", "c7 06 0c 81 01 c6 ff ff ff ff", "refined unknown payload is malformed: unexpected end of input at byte 2")]
    [InlineData("\"string\"", "c7 07 0c 81 01 dd ff ff ff ff", "refined unknown payload is malformed: unexpected end of input at byte 7")]
    public void Lengths_and_counts_of_2_to_the_31_or_more_are_the_end_of_the_input(string typeJson, string hex, string reason)
    {
        var e = Assert.Throws<CtyDecodeException>(() => MsgPackCodec.Decode(Parse(hex), CtyType.FromJson(typeJson)));
        Assert.Equal(reason, e.Reason);
    }

    public static TheoryData<string, string> Encodings => new()
    {
        { "[\"object\",{\"name\":\"string\",\"ports\":[\"list\",\"number\"],\"tags\":[\"map\",\"string\"]}]",
            "83 a4 6e 61 6d 65 a3 77 65 62 a5 70 6f 72 74 73 92 cd 01 bb cb 3f f8 00 00 00 00 00 00 a4 74 61 67 73 81 a1 6b d9 20"
            + string.Concat(Enumerable.Repeat(" 76", 32)) },
        { "\"dynamic\"", "92 " + Bin8("[\"set\",\"string\"]") + " 92 a1 61 d4 00 00" },
        { "[\"tuple\",[\"number\",\"bool\"]]", "92 cf ff ff ff ff ff ff ff ff c3" },
        { "\"string\"", "c7 03 0c 81 01 c2" },
    };

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Every_truncation_is_a_decode_error_at_the_item_that_was_cut(string typeJson, string hex)
    {
        var type = CtyType.FromJson(typeJson);
        var bytes = Parse(hex);
        MsgPackCodec.Decode(bytes, type);
        for (var length = 0; length < bytes.Length; length++)
        {
            var e = Assert.Throws<CtyDecodeException>(() => MsgPackCodec.Decode(bytes.AsSpan(0, length), type));
            Assert.Matches("^(unexpected end of input at byte [0-9]+|missing attribute .*|tuple must have .*|dynamic value must be .*)$", e.Reason);
            if (e.Reason.StartsWith("unexpected end", StringComparison.Ordinal))
            {
                Assert.InRange(int.Parse(e.Reason["unexpected end of input at byte ".Length..], null), 0, length);
            }
        }
    }

    [Fact]
    public void Invalid_utf8_in_a_dynamic_values_type_json_is_a_decode_error_with_the_path()
    {
        // Found by fuzzing: ["object",{"q":"<invalid UTF-8>"}] as the type; used to escape as InvalidOperationException.
        const string Found = "92C4195B226F626A656374222C7B2271223A22B475CB626572227D5D81A17103";
        var e = Assert.Throws<CtyDecodeException>(() => MsgPackCodec.Decode(Convert.FromHexString(Found), CtyType.Dynamic));
        Assert.Equal("invalid type JSON: not valid UTF-8", e.Reason);
        Assert.True(e.Path.IsRoot);

        var nested = Parse("81 a1 6b " + Format(Convert.FromHexString(Found)));
        e = Assert.Throws<CtyDecodeException>(() => MsgPackCodec.Decode(nested, CtyType.Map(CtyType.Dynamic)));
        Assert.Equal("[\"k\"]: invalid type JSON: not valid UTF-8", e.Message);

        Assert.Throws<CtyDecodeException>(() => CtyType.FromJson(Parse("22 ff 22")));
    }

    [Theory]
    [InlineData("{\"value\":1,\"type\":\"\xff\"}", "\"dynamic\"", "")]
    [InlineData("{\"d\":{\"value\":1,\"type\":[\"object\",{\"q\":\"\xb4u\"}]}}", "[\"object\",{\"d\":\"dynamic\"}]", "d")]
    [InlineData("{\"a\":\"x\xc3\"}", "[\"object\",{\"a\":\"string\"}]", "a")]
    [InlineData("{\"a\":[\"\xed\xa0\x80\"]}", "[\"object\",{\"a\":[\"list\",\"number\"]}]", "a[0]")]
    [InlineData("{\"\xff\":\"x\"}", "[\"map\",\"string\"]", "")]
    public void Json_codec_reports_invalid_utf8_as_a_decode_error_with_the_path(string latin1Json, string typeJson, string path)
    {
        // Each char of the test string is one byte of input (Latin-1), so invalid UTF-8 can be spelled.
        var bytes = Encoding.Latin1.GetBytes(latin1Json);
        var e = Assert.Throws<CtyDecodeException>(() => JsonValueCodec.Decode(bytes, CtyType.FromJson(typeJson)));
        Assert.Contains("UTF-8", e.Reason, StringComparison.Ordinal);
        Assert.Equal(path, e.Path.ToString());
    }
}
