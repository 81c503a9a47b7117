namespace PodIdentity.Plugin.Values.Internal;

/// <summary>
/// Orders strings by Unicode code point, which is the bytewise order of their UTF-8 encodings. Plain ordinal
/// (UTF-16) order differs for surrogate pairs versus U+E000..U+FFFF, and the wire format sorts UTF-8 bytes.
/// </summary>
internal sealed class Utf8Ordinal : IComparer<string>
{
    public static readonly Utf8Ordinal Comparer = new();

    public static int Compare(ReadOnlySpan<char> x, ReadOnlySpan<char> y)
    {
        var n = Math.Min(x.Length, y.Length);
        for (var i = 0; i < n; i++)
        {
            int a = x[i], b = y[i];
            if (a != b)
            {
                return Fixup(a) - Fixup(b);
            }
        }

        return x.Length - y.Length;
    }

    int IComparer<string>.Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return -1;
        }

        return y is null ? 1 : Compare(x.AsSpan(), y.AsSpan());
    }

    // Moves surrogates above U+E000..U+FFFF so UTF-16 units compare in code point order.
    private static int Fixup(int c) => c >= 0xE000 ? c - 0x800 : c >= 0xD800 ? c + 0x2000 : c;
}
