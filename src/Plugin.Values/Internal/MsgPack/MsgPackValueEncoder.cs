using System.Buffers;

namespace PodIdentity.Plugin.Values.Internal.MsgPack;

/// <summary>Encodes a value as msgpack, driven by the expected type, in the canonical (smallest) form.</summary>
internal static class MsgPackValueEncoder
{
    public static void Encode(CtyValue value, CtyType type, IBufferWriter<byte> output)
    {
        var path = new PathTracker();
        Write(new MsgPackWriter(output), value, type, path);
    }

    private static void Write(MsgPackWriter w, CtyValue value, CtyType type, PathTracker path)
    {
        if (!value.IsKnown)
        {
            w.WriteUnknown();
            return;
        }

        if (value.IsNull)
        {
            w.WriteNil();
            return;
        }

        switch (type)
        {
            case DynamicType:
                w.WriteArrayHeader(2);
                w.WriteBinary(value.Type.JsonUtf8);
                Write(w, value, value.Type, path);
                return;
            case PrimitiveType p when ReferenceEquals(value.Type, p):
                WritePrimitive(w, value, p);
                return;
            case ListType l when value.Type is ListType:
                WriteElements(w, value.ElementSpan, l.ElementType, path);
                return;
            case SetType s when value.Type is SetType:
                WriteElements(w, value.ElementSpan, s.ElementType, path);
                return;
            case MapType m when value.Type is MapType:
                WriteMap(w, value.MapSpan, m.ElementType, path);
                return;
            case TupleType t when value.Type is TupleType vt && vt.ElementTypes.Count == t.ElementTypes.Count:
                WriteTuple(w, value.ElementSpan, t, path);
                return;
            case ObjectType o when value.Type is ObjectType vo && vo.NameSpan.SequenceEqual(o.NameSpan):
                WriteObject(w, value.ElementSpan, o, path);
                return;
            default:
                throw new CtyEncodeException(
                    $"cannot encode a value of type {value.Type.ToJson()} as {type.ToJson()}", path.ToAttributePath());
        }
    }

    private static void WritePrimitive(MsgPackWriter w, CtyValue value, PrimitiveType type)
    {
        switch (type.Kind)
        {
            case PrimitiveKind.String:
                w.WriteString(value.AsString());
                break;
            case PrimitiveKind.Bool:
                w.WriteBoolean(value.AsBool());
                break;
            default:
                WriteNumber(w, value.AsNumber());
                break;
        }
    }

    // int64 -> smallest int; a non-integer that is exactly some double -> float64; else exact decimal text.
    private static void WriteNumber(MsgPackWriter w, CtyNumber n)
    {
        if (n.TryGetInt64(out var i))
        {
            w.WriteInt64(i);
        }
        else if (!n.IsInteger && n.TryGetExactDouble(out var d))
        {
            w.WriteFloat64(d);
        }
        else
        {
            w.WriteString(n.ToString());
        }
    }

    private static void WriteElements(MsgPackWriter w, ReadOnlySpan<CtyValue> elements, CtyType elementType, PathTracker path)
    {
        w.WriteArrayHeader(elements.Length);
        for (var i = 0; i < elements.Length; i++)
        {
            path.PushIndex(i);
            Write(w, elements[i], elementType, path);
            path.Pop();
        }
    }

    private static void WriteTuple(MsgPackWriter w, ReadOnlySpan<CtyValue> elements, TupleType type, PathTracker path)
    {
        var types = type.ElementTypeSpan;
        w.WriteArrayHeader(elements.Length);
        for (var i = 0; i < elements.Length; i++)
        {
            path.PushIndex(i);
            Write(w, elements[i], types[i], path);
            path.Pop();
        }
    }

    private static void WriteMap(MsgPackWriter w, ReadOnlySpan<KeyValuePair<string, CtyValue>> entries, CtyType elementType, PathTracker path)
    {
        w.WriteMapHeader(entries.Length);
        foreach (var e in entries)
        {
            w.WriteString(e.Key);
            path.PushKey(e.Key);
            Write(w, e.Value, elementType, path);
            path.Pop();
        }
    }

    private static void WriteObject(MsgPackWriter w, ReadOnlySpan<CtyValue> attributes, ObjectType type, PathTracker path)
    {
        var names = type.NameSpan;
        var types = type.TypeSpan;
        w.WriteMapHeader(names.Length);
        for (var i = 0; i < names.Length; i++)
        {
            w.WriteString(names[i]);
            path.PushAttribute(names[i]);
            Write(w, attributes[i], types[i], path);
            path.Pop();
        }
    }
}
