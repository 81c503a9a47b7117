using System.Numerics;

namespace PodIdentity.Plugin.Values.Tests;

public sealed class NumberTests
{
    [Theory]
    [InlineData("0", "0")]
    [InlineData("-0", "0")]
    [InlineData("+7", "7")]
    [InlineData("007", "7")]
    [InlineData("1.50", "1.5")]
    [InlineData("-1.5", "-1.5")]
    [InlineData(".5", "0.5")]
    [InlineData("5.", "5")]
    [InlineData("1e3", "1000")]
    [InlineData("1E+3", "1000")]
    [InlineData("12.5e-3", "0.0125")]
    [InlineData("100e-2", "1")]
    [InlineData("0.000", "0")]
    [InlineData("0e99999999999", "0")]
    [InlineData("0.1000000000000000000001", "0.1000000000000000000001")]
    [InlineData("123456789012345678901234567890", "123456789012345678901234567890")]
    [InlineData("-0.00000000000000000000000000001", "-0.00000000000000000000000000001")]
    public void Parses_to_canonical_text(string input, string canonical)
    {
        Assert.Equal(canonical, CtyNumber.Parse(input).ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData(".")]
    [InlineData("1e")]
    [InlineData("1e+")]
    [InlineData("1.2.3")]
    [InlineData("0x10")]
    [InlineData("1,000")]
    [InlineData(" 1")]
    [InlineData("Infinity")]
    [InlineData("NaN")]
    [InlineData("1e10001")]
    [InlineData("1e-10001")]
    [InlineData("١")] // Arabic-Indic digit one
    public void Rejects_invalid_text(string input)
    {
        Assert.False(CtyNumber.TryParse(input, out _));
        Assert.Throws<FormatException>(() => CtyNumber.Parse(input));
    }

    [Fact]
    public void Equal_values_are_equal_however_written()
    {
        Assert.Equal(CtyNumber.Parse("1.0"), CtyNumber.Parse("1"));
        Assert.Equal(CtyNumber.Parse("1e2"), CtyNumber.FromInt64(100));
        Assert.Equal(CtyNumber.Parse("1e2").GetHashCode(), CtyNumber.FromInt64(100).GetHashCode());
        Assert.Equal(CtyNumber.FromDouble(0.5), CtyNumber.Parse("0.5"));
        Assert.Equal(CtyNumber.FromDouble(3.0), CtyNumber.FromInt64(3));
        Assert.Equal(CtyNumber.Zero, CtyNumber.Parse("-0.0"));
    }

    [Fact]
    public void Doubles_convert_to_their_exact_binary_value()
    {
        Assert.Equal("0.1000000000000000055511151231257827021181583404541015625", CtyNumber.FromDouble(0.1).ToString());
        Assert.NotEqual(CtyNumber.Parse("0.1"), CtyNumber.FromDouble(0.1));
        Assert.Equal("-2.5", CtyNumber.FromDouble(-2.5).ToString());
        Assert.Equal("9007199254740993", CtyNumber.Parse("9007199254740993").ToString()); // not a double
        Assert.Equal(309, CtyNumber.FromDouble(1e308).ToString().Length);
        Assert.StartsWith("1000000000000000010979063629440455417404923", CtyNumber.FromDouble(1e308).ToString(), StringComparison.Ordinal);
        Assert.Equal(double.Epsilon, CtyNumber.FromDouble(double.Epsilon).ToDouble());
        Assert.Throws<ArgumentOutOfRangeException>(() => CtyNumber.FromDouble(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => CtyNumber.FromDouble(double.PositiveInfinity));
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.1)]
    [InlineData(-1234.5678)]
    [InlineData(1e-300)]
    [InlineData(4.9e-324)]
    [InlineData(1.7976931348623157e308)]
    [InlineData(123456789.125)]
    public void Double_round_trips_exactly(double d)
    {
        var n = CtyNumber.FromDouble(d);
        Assert.Equal(d, n.ToDouble());
        Assert.True(n.TryGetExactDouble(out var back));
        Assert.Equal(BitConverter.DoubleToInt64Bits(d), BitConverter.DoubleToInt64Bits(back));
        Assert.Equal(n, CtyNumber.Parse(n.ToString()));
    }

    [Theory]
    [InlineData("0.1")]
    [InlineData("0.1000000000000000000001")]
    [InlineData("9007199254740993")]
    [InlineData("1e400")]
    [InlineData("0.30000000000000001")]
    public void Values_that_no_double_holds_are_not_exact_doubles(string text)
    {
        Assert.False(CtyNumber.Parse(text).TryGetExactDouble(out _));
    }

    [Fact]
    public void Int64_conversion_is_exact_and_bounded()
    {
        Assert.True(CtyNumber.Parse("9223372036854775807").TryGetInt64(out var max));
        Assert.Equal(long.MaxValue, max);
        Assert.True(CtyNumber.Parse("-9223372036854775808").TryGetInt64(out var min));
        Assert.Equal(long.MinValue, min);
        Assert.False(CtyNumber.Parse("9223372036854775808").TryGetInt64(out _));
        Assert.False(CtyNumber.Parse("1.5").TryGetInt64(out _));
        Assert.True(CtyNumber.Parse("1e18").TryGetInt64(out var e18));
        Assert.Equal(1_000_000_000_000_000_000L, e18);
        Assert.False(CtyNumber.Parse("1e19").TryGetInt64(out _));
        Assert.True(CtyNumber.Parse("1e19").TryGetBigInteger(out var big));
        Assert.Equal(BigInteger.Pow(10, 19), big);
        Assert.Equal("18446744073709551615", CtyNumber.FromUInt64(ulong.MaxValue).ToString());
    }

    [Fact]
    public void Comparison_is_numeric()
    {
        var sorted = new[] { "-1e3", "-2.5", "-0.1", "0", "1e-20", "0.1", "1", "1.5", "2", "12345678901234567890" }
            .Select(CtyNumber.Parse).ToArray();
        var shuffled = sorted.Reverse().ToArray();
        Array.Sort(shuffled);
        Assert.Equal(sorted, shuffled);
        Assert.True(CtyNumber.Parse("0.1") < CtyNumber.FromDouble(0.1));
    }

    [Fact]
    public void ToDouble_rounds_correctly()
    {
        Assert.Equal(0.1, CtyNumber.Parse("0.1").ToDouble());
        Assert.Equal(9007199254740992.0, CtyNumber.Parse("9007199254740993").ToDouble());
        Assert.Equal(double.PositiveInfinity, CtyNumber.Parse("1e400").ToDouble());
        Assert.Equal(0.0, CtyNumber.Parse("1e-400").ToDouble());
    }
}
