using System.Globalization;
using System.Numerics;
using System.Text;

namespace PodIdentity.Plugin.Values;

// Decimal text: parsing and the canonical form.
public readonly partial struct CtyNumber
{
    /// <summary>
    /// Parses a decimal number: optional sign, digits with an optional fraction, optional exponent
    /// (<c>-12.5e3</c>). No infinities, NaN, hex or group separators.
    /// </summary>
    public static CtyNumber Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text.AsSpan(), out var n) ? n : throw new FormatException($"\"{text}\" is not a valid number.");
    }

    public static bool TryParse(ReadOnlySpan<char> text, out CtyNumber value)
    {
        Span<byte> buffer = text.Length <= 256 ? stackalloc byte[text.Length] : new byte[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] > 0x7F)
            {
                value = default;
                return false;
            }

            buffer[i] = (byte)text[i];
        }

        return TryParse(buffer, out value);
    }

    /// <summary>Parses ASCII/UTF-8 decimal text; see <see cref="Parse(string)"/>.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out CtyNumber value)
    {
        value = default;
        var i = 0;
        var negative = false;
        if (i < text.Length && (text[i] == '+' || text[i] == '-'))
        {
            negative = text[i] == '-';
            i++;
        }

        var intStart = i;
        while (i < text.Length && IsDigit(text[i]))
        {
            i++;
        }

        var intDigits = text[intStart..i];
        ReadOnlySpan<byte> fracDigits = default;
        if (i < text.Length && text[i] == '.')
        {
            i++;
            var fracStart = i;
            while (i < text.Length && IsDigit(text[i]))
            {
                i++;
            }

            fracDigits = text[fracStart..i];
        }

        if (intDigits.IsEmpty && fracDigits.IsEmpty)
        {
            return false;
        }

        long exponent = 0;
        if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
        {
            i++;
            var expNegative = false;
            if (i < text.Length && (text[i] == '+' || text[i] == '-'))
            {
                expNegative = text[i] == '-';
                i++;
            }

            var expStart = i;
            while (i < text.Length && IsDigit(text[i]))
            {
                // Saturate: anything this large is rejected below unless the mantissa is zero.
                exponent = Math.Min(exponent * 10 + (text[i] - '0'), int.MaxValue);
                i++;
            }

            if (i == expStart)
            {
                return false;
            }

            exponent = expNegative ? -exponent : exponent;
        }

        if (i != text.Length)
        {
            return false;
        }

        // All significant digits as one run; trailing zeros go into the exponent, leading zeros are dropped.
        var digits = new byte[intDigits.Length + fracDigits.Length];
        intDigits.CopyTo(digits);
        fracDigits.CopyTo(digits.AsSpan(intDigits.Length));
        exponent -= fracDigits.Length;
        var span = digits.AsSpan();
        var lead = span.IndexOfAnyExcept((byte)'0');
        if (lead < 0)
        {
            return true; // zero
        }

        span = span[lead..];
        var end = span.LastIndexOfAnyExcept((byte)'0') + 1;
        exponent += span.Length - end;
        span = span[..end];
        if (exponent > MaxExponent || exponent < -MaxExponent)
        {
            return false;
        }

        BigInteger unscaled;
        if (span.Length <= 18)
        {
            long small = 0;
            foreach (var d in span)
            {
                small = small * 10 + (d - '0');
            }

            unscaled = small;
        }
        else
        {
            unscaled = BigInteger.Parse(Encoding.ASCII.GetString(span), NumberStyles.None, CultureInfo.InvariantCulture);
        }

        value = new CtyNumber(negative ? -unscaled : unscaled, (int)exponent);
        return true;
    }

    /// <summary>Canonical plain decimal: no exponent, no trailing fraction zeros, "-" only for negatives.</summary>
    public override string ToString()
    {
        if (_unscaled.IsZero)
        {
            return "0";
        }

        var digits = BigInteger.Abs(_unscaled).ToString(CultureInfo.InvariantCulture);
        var sb = new StringBuilder(digits.Length + Math.Abs(_exponent) + 3);
        if (_unscaled.Sign < 0)
        {
            sb.Append('-');
        }

        if (_exponent >= 0)
        {
            sb.Append(digits).Append('0', _exponent);
        }
        else if (digits.Length > -_exponent)
        {
            var point = digits.Length + _exponent;
            sb.Append(digits, 0, point).Append('.').Append(digits, point, digits.Length - point);
        }
        else
        {
            sb.Append("0.").Append('0', -_exponent - digits.Length).Append(digits);
        }

        return sb.ToString();
    }

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;
}
