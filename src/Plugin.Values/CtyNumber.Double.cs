using System.Globalization;
using System.Numerics;

namespace PodIdentity.Plugin.Values;

// Conversions to and from IEEE 754 binary64.
public readonly partial struct CtyNumber
{
    /// <summary>The exact value of a finite double (every double is a finite decimal).</summary>
    public static CtyNumber FromDouble(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "cty numbers must be finite.");
        }

        if (value == 0)
        {
            return default;
        }

        var bits = BitConverter.DoubleToInt64Bits(value);
        var negative = bits < 0;
        var biased = (int)((bits >> 52) & 0x7FF);
        var mantissa = bits & 0xF_FFFF_FFFF_FFFFL;
        int binaryExponent;
        if (biased == 0)
        {
            binaryExponent = -1074; // subnormal
        }
        else
        {
            mantissa |= 1L << 52;
            binaryExponent = biased - 1075;
        }

        // Drop factors of two first so the decimal form below has no trailing zeros to strip.
        var shift = BitOperations.TrailingZeroCount(mantissa);
        mantissa >>= shift;
        binaryExponent += shift;

        BigInteger unscaled = mantissa;
        var exponent = 0;
        if (binaryExponent >= 0)
        {
            unscaled <<= binaryExponent;
            return Normalize(negative ? -unscaled : unscaled, 0);
        }

        // m / 2^k == m * 5^k / 10^k
        unscaled *= BigInteger.Pow(5, -binaryExponent);
        exponent = binaryExponent;
        return new CtyNumber(negative ? -unscaled : unscaled, exponent);
    }

    /// <summary>The nearest double (correctly rounded); ±infinity when out of range.</summary>
    public double ToDouble()
    {
        if (_unscaled.IsZero)
        {
            return 0;
        }

        if (_exponent == 0 && _unscaled >= long.MinValue && _unscaled <= long.MaxValue)
        {
            return (long)_unscaled;
        }

        var text = _unscaled.ToString(CultureInfo.InvariantCulture) + "E" + _exponent.ToString(CultureInfo.InvariantCulture);
        return double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    /// <summary>True when some double has exactly this value.</summary>
    public bool TryGetExactDouble(out double value)
    {
        value = ToDouble();
        if (!double.IsFinite(value))
        {
            return false;
        }

        // A fraction is a dyadic rational only if its denominator 10^k reduces to a power of two, which needs
        // 5^k to divide the unscaled part; this cheap test rejects values like 0.1 before building FromDouble.
        if (_exponent < 0 && !BigInteger.Remainder(_unscaled, BigInteger.Pow(5, -_exponent)).IsZero)
        {
            return false;
        }

        return FromDouble(value).Equals(this);
    }
}
