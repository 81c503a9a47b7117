using System.Buffers;
using MessagePack;

namespace PodIdentity.Plugin.Values.Internal.MsgPack;

/// <summary>
/// Encodes a value as msgpack, driven by the expected type, in the canonical form: MessagePack's
/// <see cref="MessagePackWriter"/> always picks the smallest header and integer encoding; map keys come sorted.
/// </summary>
internal static class MsgPackValueEncoder
{
    /// <summary>cty's extension type for a plain unknown value.</summary>
    private const sbyte UnknownExtType = 0;

    public static void Encode(CtyValue value, CtyType type, IBufferWriter<byte> output)
    {
        var path = new PathTracker();
        var w = new MessagePackWriter(output);
        Write(ref w, value, type, path);
        w.Flush();
    }

    private static void Write(ref MessagePackWriter w, CtyValue value, CtyType type, PathTracker path)
    {
        // As go-cty: a dynamic slot records the value's type, even for an unknown or null value of a known type.
        if (type is DynamicType && !value.Type.IsDynamic)
        {
            w.WriteArrayHeader(2);
            w.Write(value.Type.JsonUtf8.AsSpan()); // bin, as go-cty writes it
            Write(ref w, value, value.Type, path);
            return;
        }

        if (!value.IsKnown)
        {
            // fixext1, type 0, one zero byte: d4 00 00.
            w.WriteExtensionFormatHeader(new ExtensionHeader(UnknownExtType, 1));
            w.WriteRaw([0]);
            return;
        }

        if (value.IsNull)
        {
            w.WriteNil();
            return;
        }

        switch (type)
        {
            case PrimitiveType p when ReferenceEquals(value.Type, p):
                WritePrimitive(ref w, value, p);
                return;
            case ListType l when value.Type is ListType:
                WriteElements(ref w, value.ElementSpan, l.ElementType, path);
                return;
            case SetType s when value.Type is SetType:
                WriteElements(ref w, value.ElementSpan, s.ElementType, path);
                return;
            case MapType m when value.Type is MapType:
                WriteMap(ref w, value.MapSpan, m.ElementType, path);
                return;
            case TupleType t when value.Type is TupleType vt && vt.ElementTypes.Count == t.ElementTypes.Count:
                WriteTuple(ref w, value.ElementSpan, t, path);
                return;
            case ObjectType o when value.Type is ObjectType vo && vo.NameSpan.SequenceEqual(o.NameSpan):
                WriteObject(ref w, value.ElementSpan, o, path);
                return;
            default:
                throw new CtyEncodeException(
                    $"cannot encode a value of type {value.Type.ToJson()} as {type.ToJson()}", path.ToAttributePath());
        }
    }

    private static void WritePrimitive(ref MessagePackWriter w, CtyValue value, PrimitiveType type)
    {
        switch (type.Kind)
        {
            case PrimitiveKind.String:
                w.Write(value.AsString());
                break;
            case PrimitiveKind.Bool:
                w.Write(value.AsBool());
                break;
            default:
                WriteNumber(ref w, value.AsNumber());
                break;
        }
    }

    // int64 -> smallest int; a non-integer that is exactly some double -> float64; else exact decimal text.
    private static void WriteNumber(ref MessagePackWriter w, CtyNumber n)
    {
        if (n.TryGetInt64(out var i))
        {
            w.Write(i);
        }
        else if (!n.IsInteger && n.TryGetExactDouble(out var d))
        {
            w.Write(d);
        }
        else
        {
            w.Write(n.ToString());
        }
    }

    private static void WriteElements(ref MessagePackWriter w, ReadOnlySpan<CtyValue> elements, CtyType elementType, PathTracker path)
    {
        w.WriteArrayHeader(elements.Length);
        for (var i = 0; i < elements.Length; i++)
        {
            path.PushIndex(i);
            Write(ref w, elements[i], elementType, path);
            path.Pop();
        }
    }

    private static void WriteTuple(ref MessagePackWriter w, ReadOnlySpan<CtyValue> elements, TupleType type, PathTracker path)
    {
        var types = type.ElementTypeSpan;
        w.WriteArrayHeader(elements.Length);
        for (var i = 0; i < elements.Length; i++)
        {
            path.PushIndex(i);
            Write(ref w, elements[i], types[i], path);
            path.Pop();
        }
    }

    private static void WriteMap(ref MessagePackWriter w, ReadOnlySpan<KeyValuePair<string, CtyValue>> entries, CtyType elementType, PathTracker path)
    {
        w.WriteMapHeader(entries.Length);
        foreach (var e in entries)
        {
            w.Write(e.Key);
            path.PushKey(e.Key);
            Write(ref w, e.Value, elementType, path);
            path.Pop();
        }
    }

    private static void WriteObject(ref MessagePackWriter w, ReadOnlySpan<CtyValue> attributes, ObjectType type, PathTracker path)
    {
        var names = type.NameSpan;
        var types = type.TypeSpan;
        w.WriteMapHeader(names.Length);
        for (var i = 0; i < names.Length; i++)
        {
            w.Write(names[i]);
            path.PushAttribute(names[i]);
            Write(ref w, attributes[i], types[i], path);
            path.Pop();
        }
    }
}
