using System.Buffers.Binary;

namespace PodIdentity.Plugin.Values.Internal.MsgPack;

/// <summary>A forward-only msgpack reader over a span. Throws <see cref="MsgPackFormatException"/> on bad input.</summary>
internal ref partial struct MsgPackReader
{
    private readonly ReadOnlySpan<byte> _buffer;
    private int _position;

    public MsgPackReader(ReadOnlySpan<byte> buffer)
    {
        _buffer = buffer;
        _position = 0;
    }

    public readonly int Position => _position;

    public readonly bool End => _position >= _buffer.Length;

    public readonly int Remaining => _buffer.Length - _position;

    public readonly byte PeekCode()
    {
        if (_position >= _buffer.Length)
        {
            throw Truncated();
        }

        return _buffer[_position];
    }

    public bool TryReadNil()
    {
        if (PeekCode() != MsgPackCode.Nil)
        {
            return false;
        }

        _position++;
        return true;
    }

    public bool ReadBoolean()
    {
        var code = PeekCode();
        switch (code)
        {
            case MsgPackCode.True:
                _position++;
                return true;
            case MsgPackCode.False:
                _position++;
                return false;
            default:
                throw WrongKind("bool", code);
        }
    }

    public int ReadArrayHeader()
    {
        var code = PeekCode();
        long count = code switch
        {
            _ when MsgPackCode.IsFixArray(code) => Take(1)[0] & 0x0f,
            MsgPackCode.Array16 => BinaryPrimitives.ReadUInt16BigEndian(Take(3)[1..]),
            MsgPackCode.Array32 => BinaryPrimitives.ReadUInt32BigEndian(Take(5)[1..]),
            _ => throw WrongKind("array", code),
        };
        return CheckCount(count, 1);
    }

    public int ReadMapHeader()
    {
        var code = PeekCode();
        long count = code switch
        {
            _ when MsgPackCode.IsFixMap(code) => Take(1)[0] & 0x0f,
            MsgPackCode.Map16 => BinaryPrimitives.ReadUInt16BigEndian(Take(3)[1..]),
            MsgPackCode.Map32 => BinaryPrimitives.ReadUInt32BigEndian(Take(5)[1..]),
            _ => throw WrongKind("map", code),
        };
        return CheckCount(count, 2);
    }

    /// <summary>The bytes of a str or bin item (cty accepts either for strings).</summary>
    public ReadOnlySpan<byte> ReadStringOrBinary()
    {
        var code = PeekCode();
        long length;
        int header;
        if (MsgPackCode.IsFixStr(code))
        {
            header = 1;
            length = code & 0x1f;
        }
        else
        {
            switch (code)
            {
                case MsgPackCode.Str8 or MsgPackCode.Bin8:
                    header = 2;
                    length = Peek(2)[1];
                    break;
                case MsgPackCode.Str16 or MsgPackCode.Bin16:
                    header = 3;
                    length = BinaryPrimitives.ReadUInt16BigEndian(Peek(3)[1..]);
                    break;
                case MsgPackCode.Str32 or MsgPackCode.Bin32:
                    header = 5;
                    length = BinaryPrimitives.ReadUInt32BigEndian(Peek(5)[1..]);
                    break;
                default:
                    throw WrongKind("string", code);
            }
        }

        if (length > Remaining - header)
        {
            throw Truncated();
        }

        return Take(header + (int)length)[header..];
    }

    /// <summary>Reads an extension item: its type code and payload.</summary>
    public ReadOnlySpan<byte> ReadExtension(out sbyte type)
    {
        var code = PeekCode();
        long length;
        int header;
        switch (code)
        {
            case MsgPackCode.FixExt1: header = 2; length = 1; break;
            case MsgPackCode.FixExt2: header = 2; length = 2; break;
            case MsgPackCode.FixExt4: header = 2; length = 4; break;
            case MsgPackCode.FixExt8: header = 2; length = 8; break;
            case MsgPackCode.FixExt16: header = 2; length = 16; break;
            case MsgPackCode.Ext8: header = 3; length = Peek(2)[1]; break;
            case MsgPackCode.Ext16: header = 4; length = BinaryPrimitives.ReadUInt16BigEndian(Peek(3)[1..]); break;
            case MsgPackCode.Ext32: header = 6; length = BinaryPrimitives.ReadUInt32BigEndian(Peek(5)[1..]); break;
            default: throw WrongKind("extension", code);
        }

        if (length > Remaining - header)
        {
            throw Truncated();
        }

        var item = Take(header + (int)length);
        type = (sbyte)item[header - 1];
        return item[header..];
    }

    /// <summary>Skips one complete item, nested items included, refusing nesting deeper than <paramref name="maxDepth"/>.</summary>
    public void Skip(int maxDepth)
    {
        // Items still to skip at each open level; iterative so hostile nesting cannot overflow the stack.
        long pending = 1;
        var depth = 0;
        Span<long> stack = stackalloc long[Math.Max(maxDepth, 1)];
        while (true)
        {
            while (pending == 0)
            {
                if (depth == 0)
                {
                    return;
                }

                pending = stack[--depth];
            }

            pending--;
            var code = PeekCode();
            long children;
            if (MsgPackCode.IsArray(code))
            {
                children = ReadArrayHeader();
            }
            else if (MsgPackCode.IsMap(code))
            {
                children = 2L * ReadMapHeader();
            }
            else
            {
                SkipScalar(code);
                continue;
            }

            if (children == 0)
            {
                continue;
            }

            if (depth >= maxDepth)
            {
                throw new MsgPackFormatException($"nesting is deeper than {maxDepth} levels");
            }

            stack[depth++] = pending;
            pending = children;
        }
    }

    private void SkipScalar(byte code)
    {
        if (MsgPackCode.IsStringOrBinary(code))
        {
            ReadStringOrBinary();
        }
        else if (MsgPackCode.IsExtension(code))
        {
            ReadExtension(out _);
        }
        else if (code is MsgPackCode.Nil or MsgPackCode.True or MsgPackCode.False)
        {
            _position++;
        }
        else if (MsgPackCode.IsNumber(code))
        {
            ReadNumber(out _);
        }
        else
        {
            throw new MsgPackFormatException($"invalid msgpack byte 0x{code:x2}");
        }
    }

    private readonly ReadOnlySpan<byte> Peek(int count) =>
        count <= Remaining ? _buffer.Slice(_position, count) : throw Truncated();

    private ReadOnlySpan<byte> Take(int count)
    {
        var span = Peek(count);
        _position += count;
        return span;
    }

    // Every element takes at least one byte, so a count beyond the input is a lie: refuse it before allocating.
    private readonly int CheckCount(long count, int minBytesPerItem) =>
        count * minBytesPerItem <= Remaining ? (int)count : throw Truncated();

    private readonly MsgPackFormatException Truncated() =>
        new($"unexpected end of input at byte {_position}");

    public static MsgPackFormatException WrongKind(string expected, byte code) =>
        new($"expected {expected}, found {MsgPackCode.Describe(code)}");
}
