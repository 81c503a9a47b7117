namespace PodIdentity.Plugin.Values.Internal.MsgPack;

// Collections, tuples, objects and dynamic values.
internal ref partial struct MsgPackValueDecoder
{
    private CtyValue[] ReadElements(CtyType elementType)
    {
        var count = ReadArrayHeader();
        Enter();
        var elements = count == 0 ? [] : new CtyValue[count];
        for (var i = 0; i < count; i++)
        {
            _path.PushIndex(i);
            elements[i] = ReadValue(elementType);
            _path.Pop();
        }

        Leave();
        return elements;
    }

    private CtyValue ReadTuple(TupleType type)
    {
        var expected = type.ElementTypeSpan;
        var count = ReadArrayHeader();
        if (count != expected.Length)
        {
            throw Fail($"tuple must have {expected.Length} elements, found {count}");
        }

        Enter();
        var elements = new CtyValue[count];
        for (var i = 0; i < count; i++)
        {
            _path.PushIndex(i);
            elements[i] = ReadValue(expected[i]);
            _path.Pop();
        }

        Leave();
        return CtyValue.CreateTuple((TupleType)type.ValueType, elements);
    }

    private CtyValue ReadMap(MapType type)
    {
        var count = ReadMapHeader();
        Enter();
        var entries = count == 0 ? [] : new KeyValuePair<string, CtyValue>[count];
        var sorted = true;
        for (var i = 0; i < count; i++)
        {
            var key = ReadKey("map key (string)");
            _path.PushKey(key);
            entries[i] = KeyValuePair.Create(key, ReadValue(type.ElementType));
            _path.Pop();
            if (i > 0)
            {
                var c = Utf8Ordinal.Compare(entries[i - 1].Key, key);
                if (c == 0)
                {
                    throw Fail($"duplicate map key \"{key}\"");
                }

                sorted &= c < 0;
            }
        }

        if (!sorted)
        {
            // Non-canonical order is legal on input; sort, and only then can all duplicates be seen.
            Array.Sort(entries, static (a, b) => Utf8Ordinal.Compare(a.Key, b.Key));
            for (var i = 1; i < entries.Length; i++)
            {
                if (entries[i].Key == entries[i - 1].Key)
                {
                    throw Fail($"duplicate map key \"{entries[i].Key}\"");
                }
            }
        }

        Leave();
        return CtyValue.CreateMap((MapType)type.ValueType, entries);
    }

    private CtyValue ReadObject(ObjectType type)
    {
        var count = ReadMapHeader();
        Enter();
        var names = type.NameSpan;
        var types = type.TypeSpan;
        var values = new CtyValue[names.Length];
        for (var i = 0; i < count; i++)
        {
            var key = ReadKey("attribute name (string)");
            if (!type.TryGetIndex(key, out var index))
            {
                throw Fail($"unsupported attribute \"{key}\"");
            }

            if (values[index] is not null)
            {
                throw Fail($"duplicate attribute \"{key}\"");
            }

            _path.PushAttribute(names[index]);
            values[index] = ReadValue(types[index]);
            _path.Pop();
        }

        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] is null)
            {
                throw Fail($"missing attribute \"{names[i]}\"");
            }
        }

        Leave();
        return CtyValue.CreateObject((ObjectType)type.ValueType, values);
    }

    // [type JSON (bin or str), value]. A bare unknown or nil (whose type is unknown too) was handled before we got
    // here; [type, unknown] and [type, nil] keep their type through ReadValue.
    private CtyValue ReadDynamic()
    {
        var count = ReadArrayHeader();
        if (count != 2)
        {
            throw Fail($"dynamic value must be a 2-element array [type, value], found {count} elements");
        }

        Enter();
        _itemStart = _reader.Consumed;
        var json = ReadStringOrBinary("type JSON (string or binary)");
        CtyType type;
        try
        {
            type = CtyType.FromJson(json);
        }
        catch (CtyDecodeException e)
        {
            throw Fail(e.Reason);
        }

        if (type.IsDynamic)
        {
            throw Fail("a dynamic value's type cannot itself be dynamic");
        }

        var value = ReadValue(type);
        Leave();
        return value;
    }

    private string ReadKey(string what)
    {
        _itemStart = _reader.Consumed;
        return ReadString(what);
    }
}
