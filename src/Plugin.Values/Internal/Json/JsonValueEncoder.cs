using System.Buffers;
using System.Text.Json;

namespace PodIdentity.Plugin.Values.Internal.Json;

/// <summary>Writes a value as plain JSON, driven by the expected type (cty's JSON form).</summary>
internal static class JsonValueEncoder
{
    public static void Encode(CtyValue value, CtyType type, IBufferWriter<byte> output)
    {
        using var writer = new Utf8JsonWriter(output, TypeJson.WriterOptions);
        Write(writer, value, type, new PathTracker());
    }

    private static void Write(Utf8JsonWriter w, CtyValue value, CtyType type, PathTracker path)
    {
        if (!value.IsKnown)
        {
            throw new CtyEncodeException("value is unknown, and JSON cannot represent unknown values", path.ToAttributePath());
        }

        // A dynamic slot records the concrete type next to the value, even for a typed null.
        if (type.IsDynamic && !value.Type.IsDynamic)
        {
            w.WriteStartObject();
            w.WritePropertyName("value"u8);
            Write(w, value, value.Type, path);
            w.WritePropertyName("type"u8);
            TypeJson.Write(w, value.Type);
            w.WriteEndObject();
            return;
        }

        if (value.IsNull)
        {
            w.WriteNullValue();
            return;
        }

        switch (type)
        {
            case PrimitiveType { Kind: PrimitiveKind.String } when value.Type is PrimitiveType { Kind: PrimitiveKind.String }:
                w.WriteStringValue(value.AsString());
                return;
            case PrimitiveType { Kind: PrimitiveKind.Bool } when value.Type is PrimitiveType { Kind: PrimitiveKind.Bool }:
                w.WriteBooleanValue(value.AsBool());
                return;
            case PrimitiveType { Kind: PrimitiveKind.Number } when value.Type is PrimitiveType { Kind: PrimitiveKind.Number }:
                // Exact decimal text; never through double.
                w.WriteRawValue(value.AsNumber().ToString(), skipInputValidation: true);
                return;
            case ListType l when value.Type is ListType:
                WriteArray(w, value.ElementSpan, l.ElementType, default, path);
                return;
            case SetType s when value.Type is SetType:
                WriteArray(w, value.ElementSpan, s.ElementType, default, path);
                return;
            case TupleType t when value.Type is TupleType vt && vt.ElementTypes.Count == t.ElementTypes.Count:
                WriteArray(w, value.ElementSpan, null, t.ElementTypeSpan, path);
                return;
            case MapType m when value.Type is MapType:
                w.WriteStartObject();
                foreach (var e in value.MapSpan)
                {
                    w.WritePropertyName(e.Key);
                    path.PushKey(e.Key);
                    Write(w, e.Value, m.ElementType, path);
                    path.Pop();
                }

                w.WriteEndObject();
                return;
            case ObjectType o when value.Type is ObjectType vo && vo.NameSpan.SequenceEqual(o.NameSpan):
                w.WriteStartObject();
                var attributes = value.ElementSpan;
                for (var i = 0; i < o.Count; i++)
                {
                    w.WritePropertyName(o.NameSpan[i]);
                    path.PushAttribute(o.NameSpan[i]);
                    Write(w, attributes[i], o.TypeSpan[i], path);
                    path.Pop();
                }

                w.WriteEndObject();
                return;
            default:
                throw new CtyEncodeException(
                    $"cannot encode a value of type {value.Type.ToJson()} as {type.ToJson()}", path.ToAttributePath());
        }
    }

    // One element type (list, set) or one type per position (tuple).
    private static void WriteArray(
        Utf8JsonWriter w, ReadOnlySpan<CtyValue> elements, CtyType? elementType, ReadOnlySpan<CtyType> tupleTypes, PathTracker path)
    {
        w.WriteStartArray();
        for (var i = 0; i < elements.Length; i++)
        {
            path.PushIndex(i);
            Write(w, elements[i], elementType ?? tupleTypes[i], path);
            path.Pop();
        }

        w.WriteEndArray();
    }
}
