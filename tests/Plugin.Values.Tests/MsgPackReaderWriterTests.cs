using System.Buffers;
using PodIdentity.Plugin.Values.Internal.MsgPack;
using static PodIdentity.Plugin.Values.Tests.Hex;

namespace PodIdentity.Plugin.Values.Tests;

public sealed class MsgPackReaderWriterTests
{
    private delegate void WriteAction(MsgPackWriter writer);

    private static string Write(WriteAction action)
    {
        var buffer = new ArrayBufferWriter<byte>();
        action(new MsgPackWriter(buffer));
        return Format(buffer.WrittenSpan);
    }

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
    public void Writes_the_smallest_integer(long value, string hex)
    {
        Assert.Equal(hex, Write(w => w.WriteInt64(value)));
        var reader = new MsgPackReader(Parse(hex));
        var kind = reader.ReadNumber(out var n);
        Assert.Equal(value, kind == MsgPackReader.NumberKind.Unsigned ? (long)n.Unsigned : n.Signed);
        Assert.True(reader.End);
    }

    [Theory]
    [InlineData(0, "a0")]
    [InlineData(31, "bf")]
    [InlineData(32, "d9 20")]
    [InlineData(255, "d9 ff")]
    [InlineData(256, "da 01 00")]
    [InlineData(65535, "da ff ff")]
    [InlineData(65536, "db 00 01 00 00")]
    public void Writes_the_smallest_string_header(int length, string header)
    {
        var text = new string('x', length);
        var written = Write(w => w.WriteString(text));
        Assert.StartsWith(header, written, StringComparison.Ordinal);
        Assert.Equal(header.Split(' ').Length + length, Parse(written).Length);
        var reader = new MsgPackReader(Parse(written));
        Assert.Equal(length, reader.ReadStringOrBinary().Length);
        Assert.True(reader.End);
    }

    [Theory]
    [InlineData(0, "c4 00")]
    [InlineData(255, "c4 ff")]
    [InlineData(256, "c5 01 00")]
    [InlineData(65536, "c6 00 01 00 00")]
    public void Writes_the_smallest_binary_header(int length, string header)
    {
        var written = Write(w => w.WriteBinary(new byte[length]));
        Assert.StartsWith(header, written, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "90", "80")]
    [InlineData(15, "9f", "8f")]
    [InlineData(16, "dc 00 10", "de 00 10")]
    [InlineData(65535, "dc ff ff", "de ff ff")]
    [InlineData(65536, "dd 00 01 00 00", "df 00 01 00 00")]
    public void Writes_the_smallest_container_headers(int count, string array, string map)
    {
        Assert.Equal(array, Write(w => w.WriteArrayHeader(count)));
        Assert.Equal(map, Write(w => w.WriteMapHeader(count)));
    }

    [Fact]
    public void Writes_unknown_nil_bool_and_float()
    {
        Assert.Equal("d4 00 00", Write(w => w.WriteUnknown()));
        Assert.Equal("c0", Write(w => w.WriteNil()));
        Assert.Equal("c3 c2", Write(w =>
        {
            w.WriteBoolean(true);
            w.WriteBoolean(false);
        }));
        Assert.Equal("cb 3f f8 00 00 00 00 00 00", Write(w => w.WriteFloat64(1.5)));
        Assert.Equal("a2 c3 a9", Write(w => w.WriteString("é")));
    }

    [Theory]
    [InlineData("c0")]
    [InlineData("c3")]
    [InlineData("cb 3f f8 00 00 00 00 00 00")]
    [InlineData("92 01 81 a1 61 93 c0 c2 d4 00 00")]
    [InlineData("c7 02 0c 80 80")]
    [InlineData("de 00 01 c4 01 61 dd 00 00 00 01 ca 00 00 00 00")]
    public void Skip_consumes_exactly_one_item(string hex)
    {
        var bytes = Parse(hex + " 2a");
        var reader = new MsgPackReader(bytes);
        reader.Skip(8);
        Assert.Equal(bytes.Length - 1, reader.Position);
    }

    [Fact]
    public void Skip_refuses_deep_nesting_and_truncation()
    {
        var deep = Parse(string.Concat(Enumerable.Repeat("91 ", 10)) + "c0");
        var e = Assert.Throws<MsgPackFormatException>(() => new MsgPackReader(deep).Skip(5));
        Assert.Equal("nesting is deeper than 5 levels", e.Message);
        new MsgPackReader(deep).Skip(10);
        Assert.Throws<MsgPackFormatException>(() => new MsgPackReader(Parse("92 c0")).Skip(5));
    }

    [Fact]
    public void Peek_and_try_read_nil_do_not_consume_other_items()
    {
        var reader = new MsgPackReader(Parse("c0 c3"));
        Assert.Equal(0xc0, reader.PeekCode());
        Assert.True(reader.TryReadNil());
        Assert.False(reader.TryReadNil());
        Assert.Equal(1, reader.Position);
        Assert.True(reader.ReadBoolean());
        Assert.True(reader.End);
    }

    [Fact]
    public void Reads_every_extension_form()
    {
        foreach (var (hex, length) in new[] { ("d4 07 00", 1), ("d5 07 00 00", 2), ("d6 07" + string.Concat(Enumerable.Repeat(" 00", 4)), 4),
            ("d7 07" + string.Concat(Enumerable.Repeat(" 00", 8)), 8), ("d8 07" + string.Concat(Enumerable.Repeat(" 00", 16)), 16),
            ("c7 03 07 00 00 00", 3), ("c8 00 03 07 00 00 00", 3), ("c9 00 00 00 03 07 00 00 00", 3) })
        {
            var reader = new MsgPackReader(Parse(hex));
            var payload = reader.ReadExtension(out var type);
            Assert.Equal(7, type);
            Assert.Equal(length, payload.Length);
            Assert.True(reader.End);
        }
    }
}
