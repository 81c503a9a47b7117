using System.Collections.ObjectModel;
using PodIdentity.Plugin.Values.Internal;

namespace PodIdentity.Plugin.Values;

// Reading contents. Every accessor requires a known, non-null value of the matching kind.
public sealed partial class CtyValue
{
    public string AsString() => Require<string>(PrimitiveKind.String);

    public bool AsBool() => Require<bool>(PrimitiveKind.Bool);

    public CtyNumber AsNumber() => Require<CtyNumber>(PrimitiveKind.Number);

    /// <summary>Elements of a list, set (in canonical order) or tuple.</summary>
    public IReadOnlyList<CtyValue> Elements
    {
        get
        {
            RequireKnown();
            if (Type is not (ListType or SetType or TupleType))
            {
                throw new InvalidOperationException($"Elements needs a list, set or tuple, not {Type.FriendlyName}.");
            }

            return new ReadOnlyCollection<CtyValue>((CtyValue[])_payload!);
        }
    }

    /// <summary>Map entries sorted by key (UTF-8 byte order).</summary>
    public IReadOnlyList<KeyValuePair<string, CtyValue>> MapEntries
    {
        get
        {
            RequireKnown();
            if (Type is not MapType)
            {
                throw new InvalidOperationException($"MapEntries needs a map, not {Type.FriendlyName}.");
            }

            return new ReadOnlyCollection<KeyValuePair<string, CtyValue>>((KeyValuePair<string, CtyValue>[])_payload!);
        }
    }

    /// <summary>Attributes of an object, in name order.</summary>
    public IEnumerable<KeyValuePair<string, CtyValue>> Attributes
    {
        get
        {
            var type = RequireObject();
            var values = (CtyValue[])_payload!;
            return type.AttributeNames.Select((n, i) => KeyValuePair.Create(n, values[i]));
        }
    }

    /// <summary>Number of elements, entries or attributes.</summary>
    public int Count
    {
        get
        {
            RequireKnown();
            return _payload switch
            {
                CtyValue[] a => a.Length,
                KeyValuePair<string, CtyValue>[] m => m.Length,
                _ => throw new InvalidOperationException($"A {Type.FriendlyName} has no elements."),
            };
        }
    }

    public CtyValue GetAttribute(string name)
    {
        var type = RequireObject();
        return type.TryGetIndex(name, out var i)
            ? ((CtyValue[])_payload!)[i]
            : throw new KeyNotFoundException($"The object has no attribute \"{name}\".");
    }

    public bool TryGetAttribute(string name, out CtyValue value)
    {
        var type = RequireObject();
        if (type.TryGetIndex(name, out var i))
        {
            value = ((CtyValue[])_payload!)[i];
            return true;
        }

        value = null!;
        return false;
    }

    /// <summary>A copy of this object with one attribute replaced; the value must conform to the attribute's type.</summary>
    public CtyValue WithAttribute(string name, CtyValue value)
    {
        var type = RequireObject();
        if (!type.TryGetIndex(name, out var i))
        {
            throw new KeyNotFoundException($"The object has no attribute \"{name}\".");
        }

        var attributes = (CtyValue[])((CtyValue[])_payload!).Clone();
        attributes[i] = Coerce(value, type.TypeSpan[i], $"attribute \"{name}\"");
        return CreateObject(type, attributes);
    }

    /// <summary>Looks up a map entry by key.</summary>
    public bool TryGetMapValue(string key, out CtyValue value)
    {
        RequireKnown();
        if (_payload is KeyValuePair<string, CtyValue>[] entries)
        {
            int lo = 0, hi = entries.Length - 1;
            while (lo <= hi)
            {
                var mid = (lo + hi) >>> 1;
                var c = Utf8Ordinal.Compare(entries[mid].Key, key);
                if (c == 0)
                {
                    value = entries[mid].Value;
                    return true;
                }

                if (c < 0)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid - 1;
                }
            }

            value = null!;
            return false;
        }

        throw new InvalidOperationException($"TryGetMapValue needs a map, not {Type.FriendlyName}.");
    }

    private T Require<T>(PrimitiveKind kind)
    {
        RequireKnown();
        return Type is PrimitiveType p && p.Kind == kind
            ? (T)_payload!
            : throw new InvalidOperationException($"The value is a {Type.FriendlyName}, not a {kind.ToString().ToLowerInvariant()}.");
    }

    private ObjectType RequireObject()
    {
        RequireKnown();
        return Type as ObjectType ?? throw new InvalidOperationException($"The value is a {Type.FriendlyName}, not an object.");
    }

    private void RequireKnown()
    {
        if (_state == State.Null)
        {
            throw new InvalidOperationException("The value is null.");
        }

        if (_state == State.Unknown)
        {
            throw new InvalidOperationException("The value is unknown.");
        }
    }
}
