using System.Security.Cryptography;

namespace PodIdentity.Emulator.State;

/// <summary>AWS-shaped random identifiers.</summary>
internal static class Ids
{
    private const string LowerAlnum = "abcdefghijklmnopqrstuvwxyz0123456789";
    private const string UpperAlnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private const string Base64ish = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    public static string AssociationId() => "a-" + RandomNumberGenerator.GetString(LowerAlnum, 17);

    public static string RoleId() => "AROA" + RandomNumberGenerator.GetString(UpperAlnum, 17);

    public static string SessionAccessKeyId() => "ASIA" + RandomNumberGenerator.GetString(UpperAlnum, 16);

    public static string Secret() => RandomNumberGenerator.GetString(Base64ish, 40);

    public static string SessionToken() => "FwoGZXIvYXdzE" + RandomNumberGenerator.GetString(Base64ish, 300);

    public static string Uuid() => Guid.NewGuid().ToString();

    public static string Hex(int length) => RandomNumberGenerator.GetHexString(length, lowercase: false);
}
