using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace PodIdentity.Plugin.Values.Internal.MsgPack;

/// <summary>Writes msgpack to a buffer writer, always in the smallest encoding.</summary>
internal readonly ref struct MsgPackWriter
{
    private readonly IBufferWriter<byte> _output;

    public MsgPackWriter(IBufferWriter<byte> output) => _output = output;

    public void WriteNil() => WriteByte(MsgPackCode.Nil);

    public void WriteBoolean(bool value) => WriteByte(value ? MsgPackCode.True : MsgPackCode.False);

    /// <summary>cty's plain unknown: fixext1, type 0, one zero byte.</summary>
    public void WriteUnknown()
    {
        var span = _output.GetSpan(3);
        span[0] = MsgPackCode.FixExt1;
        span[1] = (byte)MsgPackCode.UnknownExtType;
        span[2] = 0;
        _output.Advance(3);
    }

    public void WriteArrayHeader(int count) => WriteContainerHeader(count, MsgPackCode.MinFixArray, MsgPackCode.Array16, MsgPackCode.Array32);

    public void WriteMapHeader(int count) => WriteContainerHeader(count, MsgPackCode.MinFixMap, MsgPackCode.Map16, MsgPackCode.Map32);

    public void WriteInt64(long value)
    {
        if (value >= 0)
        {
            WriteUInt64((ulong)value);
            return;
        }

        if (value >= -32)
        {
            WriteByte(unchecked((byte)(sbyte)value));
        }
        else if (value >= sbyte.MinValue)
        {
            var span = _output.GetSpan(2);
            span[0] = MsgPackCode.Int8;
            span[1] = unchecked((byte)(sbyte)value);
            _output.Advance(2);
        }
        else if (value >= short.MinValue)
        {
            var span = _output.GetSpan(3);
            span[0] = MsgPackCode.Int16;
            BinaryPrimitives.WriteInt16BigEndian(span[1..], (short)value);
            _output.Advance(3);
        }
        else if (value >= int.MinValue)
        {
            var span = _output.GetSpan(5);
            span[0] = MsgPackCode.Int32;
            BinaryPrimitives.WriteInt32BigEndian(span[1..], (int)value);
            _output.Advance(5);
        }
        else
        {
            var span = _output.GetSpan(9);
            span[0] = MsgPackCode.Int64;
            BinaryPrimitives.WriteInt64BigEndian(span[1..], value);
            _output.Advance(9);
        }
    }

    public void WriteUInt64(ulong value)
    {
        if (value <= MsgPackCode.MaxFixInt)
        {
            WriteByte((byte)value);
        }
        else if (value <= byte.MaxValue)
        {
            var span = _output.GetSpan(2);
            span[0] = MsgPackCode.UInt8;
            span[1] = (byte)value;
            _output.Advance(2);
        }
        else if (value <= ushort.MaxValue)
        {
            var span = _output.GetSpan(3);
            span[0] = MsgPackCode.UInt16;
            BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)value);
            _output.Advance(3);
        }
        else if (value <= uint.MaxValue)
        {
            var span = _output.GetSpan(5);
            span[0] = MsgPackCode.UInt32;
            BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)value);
            _output.Advance(5);
        }
        else
        {
            var span = _output.GetSpan(9);
            span[0] = MsgPackCode.UInt64;
            BinaryPrimitives.WriteUInt64BigEndian(span[1..], value);
            _output.Advance(9);
        }
    }

    public void WriteFloat64(double value)
    {
        var span = _output.GetSpan(9);
        span[0] = MsgPackCode.Float64;
        BinaryPrimitives.WriteDoubleBigEndian(span[1..], value);
        _output.Advance(9);
    }

    /// <summary>A UTF-8 str item (fixstr, str8, str16 or str32, whichever is smallest).</summary>
    public void WriteString(string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        WriteStringHeader(length, MsgPackCode.MinFixStr, MsgPackCode.Str8);
        var written = Encoding.UTF8.GetBytes(value, _output.GetSpan(length));
        _output.Advance(written);
    }

    /// <summary>A bin item (bin8, bin16 or bin32).</summary>
    public void WriteBinary(ReadOnlySpan<byte> value)
    {
        WriteStringHeader(value.Length, null, MsgPackCode.Bin8);
        value.CopyTo(_output.GetSpan(value.Length));
        _output.Advance(value.Length);
    }

    /// <summary>Raw, already-encoded msgpack bytes.</summary>
    public void WriteRaw(ReadOnlySpan<byte> encoded)
    {
        encoded.CopyTo(_output.GetSpan(encoded.Length));
        _output.Advance(encoded.Length);
    }

    private void WriteByte(byte b)
    {
        _output.GetSpan(1)[0] = b;
        _output.Advance(1);
    }

    private void WriteContainerHeader(int count, byte fixBase, byte code16, byte code32)
    {
        if (count < 16)
        {
            WriteByte((byte)(fixBase | count));
        }
        else if (count <= ushort.MaxValue)
        {
            var span = _output.GetSpan(3);
            span[0] = code16;
            BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)count);
            _output.Advance(3);
        }
        else
        {
            var span = _output.GetSpan(5);
            span[0] = code32;
            BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)count);
            _output.Advance(5);
        }
    }

    // Codes for the 8/16/32-bit forms are consecutive (str8,str16,str32 and bin8,bin16,bin32).
    private void WriteStringHeader(int length, byte? fixBase, byte code8)
    {
        if (fixBase is { } fb && length < 32)
        {
            WriteByte((byte)(fb | length));
            return;
        }

        if (length <= byte.MaxValue)
        {
            var span = _output.GetSpan(2);
            span[0] = code8;
            span[1] = (byte)length;
            _output.Advance(2);
            return;
        }

        if (length <= ushort.MaxValue)
        {
            var span = _output.GetSpan(3);
            span[0] = (byte)(code8 + 1);
            BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)length);
            _output.Advance(3);
            return;
        }

        var big = _output.GetSpan(5);
        big[0] = (byte)(code8 + 2);
        BinaryPrimitives.WriteUInt32BigEndian(big[1..], (uint)length);
        _output.Advance(5);
    }
}
