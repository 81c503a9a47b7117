namespace PodIdentity.Plugin.Values.Internal;

/// <summary>
/// The canonical order of set elements, so that equal sets hold equal arrays. Orders by type (for sets of
/// dynamic), then known &lt; null &lt; unknown, then contents. Two values compare 0 exactly when they are equal.
/// </summary>
internal sealed class SetOrder : IComparer<CtyValue>
{
    public static readonly SetOrder Instance = new();

    /// <summary>Sorts in place and drops repeats of wholly known elements; unknowns might differ, so they stay.</summary>
    public static CtyValue[] SortAndDeduplicate(CtyValue[] elements)
    {
        if (elements.Length < 2)
        {
            return elements;
        }

        Array.Sort(elements, Instance);
        var count = 1;
        for (var i = 1; i < elements.Length; i++)
        {
            var e = elements[i];
            var last = elements[count - 1];
            if (e.IsWhollyKnown && last.IsWhollyKnown && Instance.Compare(last, e) == 0)
            {
                continue;
            }

            elements[count++] = e;
        }

        return count == elements.Length ? elements : elements[..count];
    }

    public int Compare(CtyValue? x, CtyValue? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        if (!x.Type.Equals(y.Type))
        {
            return string.CompareOrdinal(x.Type.ToJson(), y.Type.ToJson());
        }

        var sx = Rank(x);
        var sy = Rank(y);
        if (sx != sy || sx != 0)
        {
            return sx.CompareTo(sy);
        }

        switch (x.Payload)
        {
            case string s:
                return Utf8Ordinal.Compare(s, (string)y.Payload!);
            case bool b:
                return b.CompareTo((bool)y.Payload!);
            case CtyNumber n:
                return n.CompareTo((CtyNumber)y.Payload!);
            case CtyValue[]:
                return CompareSequences(x.ElementSpan, y.ElementSpan);
            case KeyValuePair<string, CtyValue>[]:
                return CompareMaps(x.MapSpan, y.MapSpan);
            default:
                return 0;
        }
    }

    private static int Rank(CtyValue v) => v.IsNull ? 1 : v.IsKnown ? 0 : 2;

    private int CompareSequences(ReadOnlySpan<CtyValue> a, ReadOnlySpan<CtyValue> b)
    {
        var n = Math.Min(a.Length, b.Length);
        for (var i = 0; i < n; i++)
        {
            var c = Compare(a[i], b[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return a.Length.CompareTo(b.Length);
    }

    private int CompareMaps(ReadOnlySpan<KeyValuePair<string, CtyValue>> a, ReadOnlySpan<KeyValuePair<string, CtyValue>> b)
    {
        var n = Math.Min(a.Length, b.Length);
        for (var i = 0; i < n; i++)
        {
            var c = Utf8Ordinal.Compare(a[i].Key, b[i].Key);
            if (c == 0)
            {
                c = Compare(a[i].Value, b[i].Value);
            }

            if (c != 0)
            {
                return c;
            }
        }

        return a.Length.CompareTo(b.Length);
    }
}
