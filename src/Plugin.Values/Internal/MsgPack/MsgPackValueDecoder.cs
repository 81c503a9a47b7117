using System.Text;

namespace PodIdentity.Plugin.Values.Internal.MsgPack;

/// <summary>Decodes msgpack into a value of an expected type, accepting every legal encoding.</summary>
internal ref partial struct MsgPackValueDecoder
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly PathTracker _path;
    private MsgPackReader _reader;
    private int _depth;

    private MsgPackValueDecoder(ReadOnlySpan<byte> data, PathTracker path)
    {
        _reader = new MsgPackReader(data);
        _path = path;
        _depth = 0;
    }

    public static CtyValue Decode(ReadOnlySpan<byte> data, CtyType type)
    {
        var path = new PathTracker();
        var decoder = new MsgPackValueDecoder(data, path);
        try
        {
            var value = decoder.ReadValue(type);
            if (!decoder._reader.End)
            {
                throw new MsgPackFormatException($"{decoder._reader.Remaining} unexpected bytes after the value");
            }

            return value;
        }
        catch (MsgPackFormatException e)
        {
            throw new CtyDecodeException(e.Message, path.ToAttributePath());
        }
    }

    private CtyValue ReadValue(CtyType type)
    {
        var code = _reader.PeekCode();
        if (code == MsgPackCode.Nil)
        {
            _reader.TryReadNil();
            return CtyValue.Null(type);
        }

        if (MsgPackCode.IsExtension(code))
        {
            ReadUnknown();
            return CtyValue.Unknown(type);
        }

        return type switch
        {
            PrimitiveType { Kind: PrimitiveKind.String } => CtyValue.CreateString(ReadString()),
            PrimitiveType { Kind: PrimitiveKind.Number } => CtyValue.Number(ReadNumber()),
            PrimitiveType => CtyValue.Bool(_reader.ReadBoolean()),
            DynamicType => ReadDynamic(),
            ListType l => CtyValue.CreateList((ListType)l.ValueType, ReadElements(l.ElementType)),
            SetType s => CtyValue.CreateSet((SetType)s.ValueType, ReadElements(s.ElementType)),
            MapType m => ReadMap(m),
            TupleType t => ReadTuple(t),
            ObjectType o => ReadObject(o),
            _ => throw new MsgPackFormatException($"unsupported type {type.FriendlyName}"),
        };
    }

    // Any extension means "unknown"; refinements (ext 0x0c) are accepted and dropped.
    private void ReadUnknown()
    {
        var payload = _reader.ReadExtension(out var extType);
        if (payload.Length > MsgPackCodec.MaxExtensionPayload)
        {
            throw new MsgPackFormatException(
                $"unknown-value extension payload is {payload.Length} bytes, over the {MsgPackCodec.MaxExtensionPayload}-byte limit");
        }

        if (extType == MsgPackCode.RefinedUnknownExtType)
        {
            CheckRefinements(payload);
        }
    }

    // Refinements are dropped, but a payload that is not one well-formed map is corrupt input, as in cty.
    private static void CheckRefinements(ReadOnlySpan<byte> payload)
    {
        var inner = new MsgPackReader(payload);
        if (inner.End || !MsgPackCode.IsMap(inner.PeekCode()))
        {
            throw new MsgPackFormatException("refined unknown payload must be a msgpack map");
        }

        try
        {
            inner.Skip(MsgPackCodec.MaxDepth);
        }
        catch (MsgPackFormatException e)
        {
            throw new MsgPackFormatException("refined unknown payload is malformed: " + e.Message);
        }

        if (!inner.End)
        {
            throw new MsgPackFormatException("refined unknown payload has data after its map");
        }
    }

    private string ReadString()
    {
        var bytes = _reader.ReadStringOrBinary();
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new MsgPackFormatException("string is not valid UTF-8");
        }
    }

    private CtyNumber ReadNumber()
    {
        var code = _reader.PeekCode();
        if (MsgPackCode.IsStringOrBinary(code))
        {
            var text = _reader.ReadStringOrBinary();
            return CtyNumber.TryParse(text, out var parsed)
                ? parsed
                : throw new MsgPackFormatException($"invalid number \"{Encoding.UTF8.GetString(text)}\"");
        }

        if (!MsgPackCode.IsNumber(code))
        {
            throw MsgPackReader.WrongKind("number", code);
        }

        switch (_reader.ReadNumber(out var n))
        {
            case MsgPackReader.NumberKind.Signed:
                return CtyNumber.FromInt64(n.Signed);
            case MsgPackReader.NumberKind.Unsigned:
                return CtyNumber.FromUInt64(n.Unsigned);
            default:
                return double.IsFinite(n.Float)
                    ? CtyNumber.FromDouble(n.Float)
                    : throw new MsgPackFormatException("number must be finite (no NaN or infinity)");
        }
    }

    private void Enter()
    {
        if (++_depth > MsgPackCodec.MaxDepth)
        {
            throw new MsgPackFormatException($"value is nested deeper than {MsgPackCodec.MaxDepth} levels");
        }
    }

    private void Leave() => _depth--;
}
