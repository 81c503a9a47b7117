using System.Numerics;

namespace PodIdentity.Plugin.Values;

/// <summary>
/// An exact number: <c>Unscaled × 10^Exponent</c>, normalised so equal numbers have equal fields (the unscaled
/// part has no trailing decimal zeros; zero has exponent 0). Covers integers beyond int64 and decimals beyond
/// float64 without loss. A double converts to its exact binary value, as cty's NumberFloatVal does, so
/// <c>FromDouble(0.1)</c> is not <c>Parse("0.1")</c>.
/// </summary>
public readonly partial struct CtyNumber : IEquatable<CtyNumber>, IComparable<CtyNumber>
{
    /// <summary>Largest decimal exponent magnitude accepted; bounds the cost of formatting and comparing.</summary>
    public const int MaxExponent = 10_000;

    private readonly BigInteger _unscaled;
    private readonly int _exponent;

    private CtyNumber(BigInteger unscaled, int exponent)
    {
        _unscaled = unscaled;
        _exponent = exponent;
    }

    public static CtyNumber Zero => default;

    public int Sign => _unscaled.Sign;

    public bool IsInteger => _exponent >= 0;

    public static CtyNumber FromInt64(long value)
    {
        // Small integers dominate real plans: strip zeros in long arithmetic, not BigInteger division.
        if (value == 0)
        {
            return default;
        }

        var exponent = 0;
        while (value % 10 == 0)
        {
            value /= 10;
            exponent++;
        }

        return new CtyNumber(value, exponent);
    }

    public static CtyNumber FromUInt64(ulong value) => value <= long.MaxValue ? FromInt64((long)value) : Normalize(value, 0);

    public static CtyNumber FromBigInteger(BigInteger value) => Normalize(value, 0);

    public static implicit operator CtyNumber(long value) => FromInt64(value);

    public bool TryGetInt64(out long value)
    {
        value = 0;
        if (_exponent == 0 && _unscaled >= long.MinValue && _unscaled <= long.MaxValue)
        {
            value = (long)_unscaled;
            return true;
        }

        if (_exponent < 0 || _exponent > 18)
        {
            return _unscaled.IsZero;
        }

        var v = _exponent == 0 ? _unscaled : _unscaled * BigInteger.Pow(10, _exponent);
        if (v < long.MinValue || v > long.MaxValue)
        {
            return false;
        }

        value = (long)v;
        return true;
    }

    /// <summary>The integer value, when this number is an integer.</summary>
    public bool TryGetBigInteger(out BigInteger value)
    {
        if (_exponent < 0)
        {
            value = default;
            return false;
        }

        value = _exponent == 0 ? _unscaled : _unscaled * BigInteger.Pow(10, _exponent);
        return true;
    }

    public bool Equals(CtyNumber other) => _exponent == other._exponent && _unscaled.Equals(other._unscaled);

    public override bool Equals(object? obj) => obj is CtyNumber n && Equals(n);

    public override int GetHashCode() => HashCode.Combine(_unscaled, _exponent);

    public int CompareTo(CtyNumber other)
    {
        if (Sign != other.Sign)
        {
            return Sign.CompareTo(other.Sign);
        }

        if (_exponent == other._exponent)
        {
            return _unscaled.CompareTo(other._unscaled);
        }

        // Align to the smaller exponent; both are bounded by MaxExponent, so the scale factor stays modest.
        return _exponent > other._exponent
            ? (_unscaled * BigInteger.Pow(10, _exponent - other._exponent)).CompareTo(other._unscaled)
            : _unscaled.CompareTo(other._unscaled * BigInteger.Pow(10, other._exponent - _exponent));
    }

    public static bool operator ==(CtyNumber left, CtyNumber right) => left.Equals(right);

    public static bool operator !=(CtyNumber left, CtyNumber right) => !left.Equals(right);

    public static bool operator <(CtyNumber left, CtyNumber right) => left.CompareTo(right) < 0;

    public static bool operator >(CtyNumber left, CtyNumber right) => left.CompareTo(right) > 0;

    public static bool operator <=(CtyNumber left, CtyNumber right) => left.CompareTo(right) <= 0;

    public static bool operator >=(CtyNumber left, CtyNumber right) => left.CompareTo(right) >= 0;

    private static CtyNumber Normalize(BigInteger unscaled, int exponent)
    {
        if (unscaled.IsZero)
        {
            return default;
        }

        while (true)
        {
            var q = BigInteger.DivRem(unscaled, 10, out var r);
            if (!r.IsZero)
            {
                break;
            }

            unscaled = q;
            exponent++;
        }

        if (exponent > MaxExponent || exponent < -MaxExponent)
        {
            throw new OverflowException($"Number exponent is outside ±{MaxExponent}.");
        }

        return new CtyNumber(unscaled, exponent);
    }
}
