using System.Text;

namespace PodIdentity.Plugin.Values.Tests;

/// <summary>Hex helpers for golden tables: spaces are ignored, output is lower-case with spaces.</summary>
internal static class Hex
{
    public static byte[] Parse(string hex) => Convert.FromHexString(hex.Replace(" ", string.Empty, StringComparison.Ordinal));

    public static string Format(ReadOnlySpan<byte> bytes)
    {
        var sb = new StringBuilder(bytes.Length * 3);
        foreach (var b in bytes)
        {
            if (sb.Length > 0)
            {
                sb.Append(' ');
            }

            sb.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }

    /// <summary>Hex of an ASCII fixstr (under 32 bytes): header a0|len then the bytes.</summary>
    public static string FixStr(string ascii)
    {
        Assert.True(ascii.Length < 32);
        return Format([(byte)(0xa0 | ascii.Length), .. Encoding.ASCII.GetBytes(ascii)]);
    }

    /// <summary>Hex of a bin8 item holding ASCII text (cty's type JSON in dynamic values).</summary>
    public static string Bin8(string ascii) => Format([0xc4, (byte)ascii.Length, .. Encoding.ASCII.GetBytes(ascii)]);
}
