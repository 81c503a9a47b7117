using System.Text;
using System.Text.Json;

namespace PodIdentity.Plugin.Values.Internal.Json;

/// <summary>
/// Reads cty's JSON form of a value of an expected type. As in cty: numbers are exact (raw tokens, never double);
/// strings also accept JSON numbers and bools; numbers and bools also accept strings; a missing object attribute
/// is null; dynamic values are <c>{"value":...,"type":...}</c> with the two properties in either order.
/// </summary>
internal sealed partial class JsonValueDecoder
{
    private readonly PathTracker _path = new();
    private readonly bool _ignoreUndefinedAttributes;

    private JsonValueDecoder(bool ignoreUndefinedAttributes) => _ignoreUndefinedAttributes = ignoreUndefinedAttributes;

    public static CtyValue Decode(ReadOnlySpan<byte> json, CtyType type, bool ignoreUndefinedAttributes)
    {
        var decoder = new JsonValueDecoder(ignoreUndefinedAttributes);
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = MsgPackCodec.MaxDepth });
        try
        {
            if (!reader.Read())
            {
                throw decoder.Fail("no JSON value");
            }

            var value = decoder.ReadValue(ref reader, type);
            if (reader.Read())
            {
                throw decoder.Fail("unexpected data after the value");
            }

            return value;
        }
        catch (JsonException e)
        {
            throw new CtyDecodeException("invalid JSON: " + e.Message, decoder._path.ToAttributePath(), e);
        }
        catch (InvalidOperationException e) when (e.InnerException is DecoderFallbackException)
        {
            // Utf8JsonReader checks UTF-8 only when a string is read, and then throws this.
            throw new CtyDecodeException("invalid JSON: string is not valid UTF-8", decoder._path.ToAttributePath(), e);
        }
    }

    /// <summary>Reads the value that starts at the current token; leaves the reader on its last token.</summary>
    private CtyValue ReadValue(ref Utf8JsonReader r, CtyType type)
    {
        if (r.TokenType == JsonTokenType.Null)
        {
            return CtyValue.Null(type);
        }

        return type switch
        {
            PrimitiveType { Kind: PrimitiveKind.String } => CtyValue.CreateString(ReadString(ref r)),
            PrimitiveType { Kind: PrimitiveKind.Number } => CtyValue.Number(ReadNumber(ref r)),
            PrimitiveType => CtyValue.Bool(ReadBool(ref r)),
            DynamicType => ReadDynamic(ref r),
            ListType l => CtyValue.CreateList((ListType)l.ValueType, ReadArray(ref r, l.ElementType, null)),
            SetType s => CtyValue.CreateSet((SetType)s.ValueType, ReadArray(ref r, s.ElementType, null)),
            TupleType t => CtyValue.CreateTuple((TupleType)t.ValueType, ReadArray(ref r, null, t)),
            MapType m => ReadMap(ref r, m),
            ObjectType o => ReadObject(ref r, o),
            _ => throw Fail($"unsupported type {type.FriendlyName}"),
        };
    }

    private string ReadString(ref Utf8JsonReader r) => r.TokenType switch
    {
        JsonTokenType.String => r.GetString()!,
        JsonTokenType.Number => Encoding.UTF8.GetString(r.ValueSpan),
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        _ => throw WrongKind("string", r.TokenType),
    };

    private CtyNumber ReadNumber(ref Utf8JsonReader r)
    {
        switch (r.TokenType)
        {
            case JsonTokenType.Number:
                return CtyNumber.TryParse(r.ValueSpan, out var n) ? n : throw Fail("number is out of range");
            case JsonTokenType.String:
                var text = r.GetString()!;
                return CtyNumber.TryParse(text, out var parsed) ? parsed : throw Fail($"invalid number \"{text}\"");
            default:
                throw WrongKind("number", r.TokenType);
        }
    }

    private bool ReadBool(ref Utf8JsonReader r)
    {
        switch (r.TokenType)
        {
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            case JsonTokenType.String when r.ValueTextEquals("true"u8):
                return true;
            case JsonTokenType.String when r.ValueTextEquals("false"u8):
                return false;
            case JsonTokenType.String:
                throw Fail($"invalid bool \"{r.GetString()}\"");
            default:
                throw WrongKind("bool", r.TokenType);
        }
    }

    private CtyDecodeException Fail(string reason) => new(reason, _path.ToAttributePath());

    private CtyDecodeException WrongKind(string expected, JsonTokenType found) =>
        Fail($"expected {expected}, found {Describe(found)}");

    private static string Describe(JsonTokenType t) => t switch
    {
        JsonTokenType.StartArray => "array",
        JsonTokenType.StartObject => "object",
        JsonTokenType.String => "string",
        JsonTokenType.Number => "number",
        JsonTokenType.True or JsonTokenType.False => "bool",
        JsonTokenType.Null => "null",
        _ => t.ToString(),
    };
}
