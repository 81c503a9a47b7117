using System.Buffers;
using System.Text;
using MessagePack;

namespace PodIdentity.Plugin.Values.Internal.MsgPack;

/// <summary>
/// Decodes msgpack into a value of an expected type, accepting every legal encoding. The bytes are read with
/// MessagePack's <see cref="MessagePackReader"/>; every failure, the library's included, becomes a
/// <see cref="CtyDecodeException"/> carrying the path where it happened.
/// </summary>
internal ref partial struct MsgPackValueDecoder
{
    /// <summary>cty's extension type for an unknown with refinements (payload: a msgpack map).</summary>
    private const sbyte RefinedUnknownExtType = 0x0c;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly PathTracker _path;
    private MessagePackReader _reader;
    private int _depth;

    // Offset of the item being read, for "unexpected end of input at byte N" (the library's reader may have
    // consumed part of a header when it gives up).
    private long _itemStart;

    private MsgPackValueDecoder(ReadOnlyMemory<byte> data, PathTracker path)
    {
        _reader = new MessagePackReader(data);
        _path = path;
        _depth = 0;
        _itemStart = 0;
    }

    public static CtyValue Decode(ReadOnlySpan<byte> data, CtyType type)
    {
        // The reader wants memory, the public API takes a span: one pooled copy, cheaper than any decode.
        var buffer = ArrayPool<byte>.Shared.Rent(data.Length);
        try
        {
            data.CopyTo(buffer);
            return Decode(buffer.AsMemory(0, data.Length), type);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static CtyValue Decode(ReadOnlyMemory<byte> data, CtyType type)
    {
        var path = new PathTracker();
        var decoder = new MsgPackValueDecoder(data, path);
        try
        {
            var value = decoder.ReadValue(type);
            if (!decoder._reader.End)
            {
                throw decoder.Fail($"{data.Length - decoder._reader.Consumed} unexpected bytes after the value");
            }

            return value;
        }
        catch (Exception e) when (IsLibraryFailure(e))
        {
            throw new CtyDecodeException(Describe(e, decoder._itemStart), path.ToAttributePath(), e);
        }
    }

    private CtyValue ReadValue(CtyType type)
    {
        _itemStart = _reader.Consumed;
        switch (_reader.NextMessagePackType)
        {
            case MessagePackType.Nil:
                _reader.ReadNil();
                return CtyValue.Null(type);
            case MessagePackType.Extension:
                ReadUnknown();
                return CtyValue.Unknown(type);
        }

        return type switch
        {
            PrimitiveType { Kind: PrimitiveKind.String } => CtyValue.CreateString(ReadString("string")),
            PrimitiveType { Kind: PrimitiveKind.Number } => CtyValue.Number(ReadNumber()),
            PrimitiveType => CtyValue.Bool(ReadBoolean()),
            DynamicType => ReadDynamic(),
            ListType l => CtyValue.CreateList((ListType)l.ValueType, ReadElements(l.ElementType)),
            SetType s => CtyValue.CreateSet((SetType)s.ValueType, ReadElements(s.ElementType)),
            MapType m => ReadMap(m),
            TupleType t => ReadTuple(t),
            ObjectType o => ReadObject(o),
            _ => throw Fail($"unsupported type {type.FriendlyName}"),
        };
    }

    // Any extension means "unknown"; refinements (ext 0x0c) are accepted and dropped.
    private void ReadUnknown()
    {
        var header = _reader.ReadExtensionFormatHeader();
        if (header.Length > MsgPackCodec.MaxExtensionPayload)
        {
            throw Fail($"unknown-value extension payload is {header.Length} bytes, over the {MsgPackCodec.MaxExtensionPayload}-byte limit");
        }

        var payload = _reader.ReadRaw(header.Length);
        if (header.TypeCode == RefinedUnknownExtType)
        {
            CheckRefinements(payload);
        }
    }

    // Refinements are dropped, but a payload that is not one well-formed map is corrupt input, as in cty.
    private readonly void CheckRefinements(ReadOnlySequence<byte> payload)
    {
        var inner = new MessagePackReader(payload);
        if (inner.End || inner.NextMessagePackType != MessagePackType.Map)
        {
            throw Fail("refined unknown payload must be a msgpack map");
        }

        long itemStart = 0;
        try
        {
            Skip(ref inner, 0, ref itemStart);
        }
        catch (Exception e) when (IsLibraryFailure(e))
        {
            throw Fail("refined unknown payload is malformed: " + Describe(e, itemStart));
        }
        catch (CtyDecodeException e)
        {
            throw Fail("refined unknown payload is malformed: " + e.Reason);
        }

        if (!inner.End)
        {
            throw Fail("refined unknown payload has data after its map");
        }
    }

    /// <summary>Skips one item, nested ones included; containers count against the codec's depth limit.</summary>
    private readonly void Skip(ref MessagePackReader reader, int depth, ref long itemStart)
    {
        itemStart = reader.Consumed;
        long children;
        switch (reader.NextMessagePackType)
        {
            case MessagePackType.Array:
                children = ReadCount(ref reader, array: true, ref itemStart);
                break;
            case MessagePackType.Map:
                children = 2L * ReadCount(ref reader, array: false, ref itemStart);
                break;
            case MessagePackType.Unknown:
                throw Fail($"invalid msgpack byte 0x{reader.NextCode:x2}");
            default:
                SkipScalar(ref reader);
                return;
        }

        if (children > 0 && depth >= MsgPackCodec.MaxDepth)
        {
            throw Fail($"nesting is deeper than {MsgPackCodec.MaxDepth} levels");
        }

        for (long i = 0; i < children; i++)
        {
            Skip(ref reader, depth + 1, ref itemStart);
        }
    }

    private static void SkipScalar(ref MessagePackReader reader)
    {
        try
        {
            reader.Skip();
        }
        catch (ArgumentOutOfRangeException)
        {
            throw LengthBeyondInput();
        }
    }

    private string ReadString(string expected)
    {
        var bytes = ReadStringOrBinary(expected);
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw Fail("string is not valid UTF-8");
        }
    }

    /// <summary>The bytes of a str or bin item (cty accepts either for strings).</summary>
    private ReadOnlySpan<byte> ReadStringOrBinary(string expected)
    {
        ReadOnlySequence<byte> sequence;
        try
        {
            switch (_reader.NextMessagePackType)
            {
                // The reader runs over one contiguous buffer, so the span form always succeeds for str.
                case MessagePackType.String when _reader.TryReadStringSpan(out var span):
                    return span;
                case MessagePackType.String:
                    sequence = _reader.ReadStringSequence().GetValueOrDefault();
                    break;
                case MessagePackType.Binary:
                    sequence = _reader.ReadBytes().GetValueOrDefault();
                    break;
                default:
                    throw WrongKind(expected);
            }
        }
        catch (ArgumentOutOfRangeException)
        {
            throw LengthBeyondInput();
        }

        return sequence.IsSingleSegment ? sequence.FirstSpan : sequence.ToArray();
    }

    private bool ReadBoolean() =>
        _reader.NextMessagePackType == MessagePackType.Boolean ? _reader.ReadBoolean() : throw WrongKind("bool");

    private CtyNumber ReadNumber()
    {
        switch (_reader.NextMessagePackType)
        {
            case MessagePackType.String or MessagePackType.Binary:
                var text = ReadStringOrBinary("number");
                return CtyNumber.TryParse(text, out var parsed)
                    ? parsed
                    : throw Fail($"invalid number \"{Encoding.UTF8.GetString(text)}\"");
            case MessagePackType.Integer:
                // uint64 above int64's range is legal msgpack (and a legal cty number).
                return _reader.NextCode == MessagePackCode.UInt64
                    ? CtyNumber.FromUInt64(_reader.ReadUInt64())
                    : CtyNumber.FromInt64(_reader.ReadInt64());
            case MessagePackType.Float:
                var d = _reader.ReadDouble();
                return double.IsFinite(d) ? CtyNumber.FromDouble(d) : throw Fail("number must be finite (no NaN or infinity)");
            default:
                throw WrongKind("number");
        }
    }

    /// <summary>An array or map header whose count the rest of the input can hold (each item takes a byte or more).</summary>
    private static int ReadCount(ref MessagePackReader reader, bool array, ref long itemStart)
    {
        int count;
        var complete = array ? reader.TryReadArrayHeader(out count) : reader.TryReadMapHeader(out count);
        if (!complete)
        {
            throw new EndOfStreamException();
        }

        // Refuse a lying count before allocating for it; past the header, the error is reported where it is.
        itemStart = reader.Consumed;
        var remaining = reader.Sequence.Length - reader.Consumed;
        return count >= 0 && (long)count * (array ? 1 : 2) <= remaining ? count : throw LengthBeyondInput();
    }

    // MessagePack 2.x reads a 32-bit count or length into an int: at 2^31 and up a count comes back negative and a
    // str/bin length throws ArgumentOutOfRangeException. No input holds that much, so either way the input ended.
    private static EndOfStreamException LengthBeyondInput() => new();

    private int ReadArrayHeader() =>
        _reader.NextMessagePackType == MessagePackType.Array ? ReadCount(ref _reader, array: true, ref _itemStart) : throw WrongKind("array");

    private int ReadMapHeader() =>
        _reader.NextMessagePackType == MessagePackType.Map ? ReadCount(ref _reader, array: false, ref _itemStart) : throw WrongKind("map");

    private void Enter()
    {
        if (++_depth > MsgPackCodec.MaxDepth)
        {
            throw Fail($"value is nested deeper than {MsgPackCodec.MaxDepth} levels");
        }
    }

    private void Leave() => _depth--;

    private readonly CtyDecodeException Fail(string reason) => new(reason, _path.ToAttributePath());

    private readonly CtyDecodeException WrongKind(string expected) =>
        Fail($"expected {expected}, found {DescribeNext(_reader)}");

    private static string DescribeNext(MessagePackReader reader) => reader.NextMessagePackType switch
    {
        MessagePackType.Nil => "nil",
        MessagePackType.Boolean => "bool",
        MessagePackType.Integer or MessagePackType.Float => "number",
        MessagePackType.String => "string",
        MessagePackType.Binary => "binary",
        MessagePackType.Array => "array",
        MessagePackType.Map => "map",
        MessagePackType.Extension => "extension",
        _ => $"the never-used byte 0x{reader.NextCode:x2}",
    };

    // What MessagePack's reader throws on input it cannot read: running out of bytes, a code it did not expect,
    // a number too large for what was asked.
    private static bool IsLibraryFailure(Exception e) =>
        e is EndOfStreamException or MessagePackSerializationException or OverflowException;

    private static string Describe(Exception e, long itemStart) => e is EndOfStreamException
        ? $"unexpected end of input at byte {itemStart}"
        : $"malformed msgpack at byte {itemStart}: {e.Message}";
}
