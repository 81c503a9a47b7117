using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace PodIdentity.Plugin.Values.Internal;

/// <summary>Reads and writes cty type JSON.</summary>
internal static class TypeJson
{
    public const int MaxDepth = 64;

    internal static readonly JsonWriterOptions WriterOptions = new()
    {
        // Keep non-ASCII names readable; the relaxed encoder still escapes what JSON requires.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    public static byte[] Write(CtyType type)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(writer, type);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static void Write(Utf8JsonWriter w, CtyType type)
    {
        switch (type)
        {
            case PrimitiveType p:
                w.WriteStringValue(p.FriendlyName);
                break;
            case DynamicType:
                w.WriteStringValue("dynamic");
                break;
            case CollectionType c:
                w.WriteStartArray();
                w.WriteStringValue(c switch { ListType => "list", SetType => "set", _ => "map" });
                Write(w, c.ElementType);
                w.WriteEndArray();
                break;
            case TupleType t:
                w.WriteStartArray();
                w.WriteStringValue("tuple");
                w.WriteStartArray();
                foreach (var e in t.ElementTypeSpan)
                {
                    Write(w, e);
                }

                w.WriteEndArray();
                w.WriteEndArray();
                break;
            case ObjectType o:
                w.WriteStartArray();
                w.WriteStringValue("object");
                w.WriteStartObject();
                for (var i = 0; i < o.Count; i++)
                {
                    w.WritePropertyName(o.NameSpan[i]);
                    Write(w, o.TypeSpan[i]);
                }

                w.WriteEndObject();
                if (o.SortedOptionalAttributes.Count > 0)
                {
                    w.WriteStartArray();
                    foreach (var name in o.SortedOptionalAttributes)
                    {
                        w.WriteStringValue(name);
                    }

                    w.WriteEndArray();
                }

                w.WriteEndArray();
                break;
        }
    }

    public static CtyType Read(ReadOnlySpan<byte> json)
    {
        // Utf8JsonReader checks structure, not the UTF-8 inside strings: reading such a string would throw
        // InvalidOperationException, which is no decode error.
        if (!Utf8.IsValid(json))
        {
            throw Invalid("not valid UTF-8");
        }

        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = MaxDepth });
        try
        {
            Next(ref reader);
            var type = Read(ref reader);
            if (reader.Read())
            {
                throw Invalid("unexpected data after the type");
            }

            return type;
        }
        catch (JsonException e)
        {
            throw new CtyDecodeException("invalid type JSON: " + e.Message, AttributePath.Root, e);
        }
    }

    /// <summary>Reads one type starting at the reader's current token; leaves the reader on its last token.</summary>
    public static CtyType Read(ref Utf8JsonReader r)
    {
        if (r.TokenType == JsonTokenType.String)
        {
            if (r.ValueTextEquals("string"u8))
            {
                return CtyType.String;
            }

            if (r.ValueTextEquals("number"u8))
            {
                return CtyType.Number;
            }

            if (r.ValueTextEquals("bool"u8))
            {
                return CtyType.Bool;
            }

            if (r.ValueTextEquals("dynamic"u8))
            {
                return CtyType.Dynamic;
            }

            throw Invalid($"unknown primitive type \"{r.GetString()}\"");
        }

        if (r.TokenType != JsonTokenType.StartArray)
        {
            throw Invalid("a type must be a string or an array");
        }

        Next(ref r);
        if (r.TokenType != JsonTokenType.String)
        {
            throw Invalid("a type array must start with its kind");
        }

        var kind = r.GetString()!;
        Next(ref r);
        CtyType result;
        switch (kind)
        {
            case "list":
                result = CtyType.List(Read(ref r));
                break;
            case "set":
                result = CtyType.Set(Read(ref r));
                break;
            case "map":
                result = CtyType.Map(Read(ref r));
                break;
            case "tuple":
                result = ReadTuple(ref r);
                break;
            case "object":
                return ReadObject(ref r);
            default:
                throw Invalid($"unknown type kind \"{kind}\"");
        }

        Next(ref r);
        return r.TokenType == JsonTokenType.EndArray ? result : throw Invalid($"too many elements in a {kind} type");
    }

    private static TupleType ReadTuple(ref Utf8JsonReader r)
    {
        if (r.TokenType != JsonTokenType.StartArray)
        {
            throw Invalid("a tuple type needs an array of element types");
        }

        var types = new List<CtyType>();
        while (true)
        {
            Next(ref r);
            if (r.TokenType == JsonTokenType.EndArray)
            {
                return CtyType.Tuple([.. types]);
            }

            types.Add(Read(ref r));
        }
    }

    private static ObjectType ReadObject(ref Utf8JsonReader r)
    {
        if (r.TokenType != JsonTokenType.StartObject)
        {
            throw Invalid("an object type needs an object of attribute types");
        }

        var attributes = new Dictionary<string, CtyType>(StringComparer.Ordinal);
        while (true)
        {
            Next(ref r);
            if (r.TokenType == JsonTokenType.EndObject)
            {
                break;
            }

            var name = r.GetString()!;
            Next(ref r);
            if (!attributes.TryAdd(name, Read(ref r)))
            {
                throw Invalid($"duplicate attribute \"{name}\" in an object type");
            }
        }

        List<string>? optional = null;
        Next(ref r);
        if (r.TokenType == JsonTokenType.StartArray)
        {
            optional = [];
            while (true)
            {
                Next(ref r);
                if (r.TokenType == JsonTokenType.EndArray)
                {
                    break;
                }

                if (r.TokenType != JsonTokenType.String)
                {
                    throw Invalid("optional attribute names must be strings");
                }

                var name = r.GetString()!;
                if (!attributes.ContainsKey(name))
                {
                    throw Invalid($"optional attribute \"{name}\" is not an attribute of the object");
                }

                optional.Add(name);
            }

            Next(ref r);
        }

        return r.TokenType == JsonTokenType.EndArray
            ? CtyType.Object(attributes, optional)
            : throw Invalid("too many elements in an object type");
    }

    private static void Next(ref Utf8JsonReader r)
    {
        if (!r.Read())
        {
            throw Invalid("unexpected end of type JSON");
        }
    }

    private static CtyDecodeException Invalid(string reason) =>
        new("invalid type JSON: " + reason, AttributePath.Root);
}
