using System.Text.Json;

namespace PodIdentity.Plugin.Values.Internal.Json;

// Arrays, maps, objects and dynamic values.
internal sealed partial class JsonValueDecoder
{
    // One element type (list, set) or a tuple type with one type per position.
    private CtyValue[] ReadArray(ref Utf8JsonReader r, CtyType? elementType, TupleType? tuple)
    {
        if (r.TokenType != JsonTokenType.StartArray)
        {
            throw WrongKind(tuple is null ? "array" : "array (tuple)", r.TokenType);
        }

        var elements = new List<CtyValue>();
        while (Next(ref r) != JsonTokenType.EndArray)
        {
            if (tuple is not null && elements.Count >= tuple.ElementTypes.Count)
            {
                throw Fail($"tuple must have {tuple.ElementTypes.Count} elements, found more");
            }

            _path.PushIndex(elements.Count);
            elements.Add(ReadValue(ref r, elementType ?? tuple!.ElementTypes[elements.Count]));
            _path.Pop();
        }

        if (tuple is not null && elements.Count != tuple.ElementTypes.Count)
        {
            throw Fail($"tuple must have {tuple.ElementTypes.Count} elements, found {elements.Count}");
        }

        return [.. elements];
    }

    private CtyValue ReadMap(ref Utf8JsonReader r, MapType type)
    {
        if (r.TokenType != JsonTokenType.StartObject)
        {
            throw WrongKind("object (map)", r.TokenType);
        }

        var entries = new Dictionary<string, CtyValue>(StringComparer.Ordinal);
        while (Next(ref r) != JsonTokenType.EndObject)
        {
            var key = r.GetString()!;
            Next(ref r);
            _path.PushKey(key);
            var value = ReadValue(ref r, type.ElementType);
            _path.Pop();
            if (!entries.TryAdd(key, value))
            {
                throw Fail($"duplicate map key \"{key}\"");
            }
        }

        var array = entries.ToArray();
        Array.Sort(array, static (a, b) => Utf8Ordinal.Compare(a.Key, b.Key));
        return CtyValue.CreateMap((MapType)type.ValueType, array);
    }

    private CtyValue ReadObject(ref Utf8JsonReader r, ObjectType type)
    {
        if (r.TokenType != JsonTokenType.StartObject)
        {
            throw WrongKind("object", r.TokenType);
        }

        var names = type.NameSpan;
        var values = new CtyValue[names.Length];
        while (Next(ref r) != JsonTokenType.EndObject)
        {
            var key = r.GetString()!;
            Next(ref r);
            if (!type.TryGetIndex(key, out var index))
            {
                if (_ignoreUndefinedAttributes)
                {
                    r.Skip();
                    continue;
                }

                throw Fail($"unsupported attribute \"{key}\"");
            }

            if (values[index] is not null)
            {
                throw Fail($"duplicate attribute \"{key}\"");
            }

            _path.PushAttribute(names[index]);
            values[index] = ReadValue(ref r, type.TypeSpan[index]);
            _path.Pop();
        }

        for (var i = 0; i < values.Length; i++)
        {
            values[i] ??= CtyValue.Null(type.TypeSpan[i]);
        }

        return CtyValue.CreateObject((ObjectType)type.ValueType, values);
    }

    // {"value": V, "type": T} in either order: the value is read after the type, from a saved reader copy.
    private CtyValue ReadDynamic(ref Utf8JsonReader r)
    {
        if (r.TokenType != JsonTokenType.StartObject)
        {
            throw WrongKind("object {\"value\",\"type\"} (dynamic)", r.TokenType);
        }

        CtyType? type = null;
        Utf8JsonReader valueReader = default;
        var haveValue = false;
        while (Next(ref r) != JsonTokenType.EndObject)
        {
            if (r.ValueTextEquals("type"u8) && type is null)
            {
                Next(ref r);
                try
                {
                    type = TypeJson.Read(ref r);
                }
                catch (CtyDecodeException e)
                {
                    throw Fail(e.Reason);
                }
            }
            else if (r.ValueTextEquals("value"u8) && !haveValue)
            {
                Next(ref r);
                valueReader = r;
                haveValue = true;
                r.Skip();
            }
            else
            {
                throw Fail($"unexpected property \"{r.GetString()}\" in a dynamic value; only \"value\" and \"type\" are allowed");
            }
        }

        if (type is null || !haveValue)
        {
            throw Fail("a dynamic value needs both \"value\" and \"type\"");
        }

        return ReadValue(ref valueReader, type);
    }

    private JsonTokenType Next(ref Utf8JsonReader r)
    {
        if (!r.Read())
        {
            throw Fail("unexpected end of JSON");
        }

        return r.TokenType;
    }
}
