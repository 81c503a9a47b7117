namespace PodIdentity.Plugin.Values.Internal.MsgPack;

/// <summary>msgpack format bytes (https://github.com/msgpack/msgpack/blob/master/spec.md).</summary>
internal static class MsgPackCode
{
    public const byte MinFixInt = 0x00;
    public const byte MaxFixInt = 0x7f;
    public const byte MinFixMap = 0x80;
    public const byte MaxFixMap = 0x8f;
    public const byte MinFixArray = 0x90;
    public const byte MaxFixArray = 0x9f;
    public const byte MinFixStr = 0xa0;
    public const byte MaxFixStr = 0xbf;
    public const byte Nil = 0xc0;
    public const byte NeverUsed = 0xc1;
    public const byte False = 0xc2;
    public const byte True = 0xc3;
    public const byte Bin8 = 0xc4;
    public const byte Bin16 = 0xc5;
    public const byte Bin32 = 0xc6;
    public const byte Ext8 = 0xc7;
    public const byte Ext16 = 0xc8;
    public const byte Ext32 = 0xc9;
    public const byte Float32 = 0xca;
    public const byte Float64 = 0xcb;
    public const byte UInt8 = 0xcc;
    public const byte UInt16 = 0xcd;
    public const byte UInt32 = 0xce;
    public const byte UInt64 = 0xcf;
    public const byte Int8 = 0xd0;
    public const byte Int16 = 0xd1;
    public const byte Int32 = 0xd2;
    public const byte Int64 = 0xd3;
    public const byte FixExt1 = 0xd4;
    public const byte FixExt2 = 0xd5;
    public const byte FixExt4 = 0xd6;
    public const byte FixExt8 = 0xd7;
    public const byte FixExt16 = 0xd8;
    public const byte Str8 = 0xd9;
    public const byte Str16 = 0xda;
    public const byte Str32 = 0xdb;
    public const byte Array16 = 0xdc;
    public const byte Array32 = 0xdd;
    public const byte Map16 = 0xde;
    public const byte Map32 = 0xdf;
    public const byte MinNegativeFixInt = 0xe0;
    public const byte MaxNegativeFixInt = 0xff;

    /// <summary>cty's extension type for a plain unknown value.</summary>
    public const sbyte UnknownExtType = 0;

    /// <summary>cty's extension type for an unknown with refinements (payload: a msgpack map).</summary>
    public const sbyte RefinedUnknownExtType = 0x0c;

    public static bool IsPositiveFixInt(byte code) => code <= MaxFixInt;

    public static bool IsNegativeFixInt(byte code) => code >= MinNegativeFixInt;

    public static bool IsFixStr(byte code) => code is >= MinFixStr and <= MaxFixStr;

    public static bool IsFixArray(byte code) => code is >= MinFixArray and <= MaxFixArray;

    public static bool IsFixMap(byte code) => code is >= MinFixMap and <= MaxFixMap;

    public static bool IsExtension(byte code) => code is (>= FixExt1 and <= FixExt16) or (>= Ext8 and <= Ext32);

    public static bool IsStringOrBinary(byte code) => IsFixStr(code) || code is (>= Str8 and <= Str32) or (>= Bin8 and <= Bin32);

    public static bool IsArray(byte code) => IsFixArray(code) || code is Array16 or Array32;

    public static bool IsMap(byte code) => IsFixMap(code) || code is Map16 or Map32;

    public static bool IsNumber(byte code) =>
        IsPositiveFixInt(code) || IsNegativeFixInt(code) || code is (>= Float32 and <= Int64);

    /// <summary>The kind of a format byte, for messages.</summary>
    public static string Describe(byte code) => code switch
    {
        Nil => "nil",
        True or False => "bool",
        NeverUsed => "the never-used byte 0xc1",
        _ when IsNumber(code) => "number",
        _ when IsFixStr(code) || code is >= Str8 and <= Str32 => "string",
        >= Bin8 and <= Bin32 => "binary",
        _ when IsArray(code) => "array",
        _ when IsMap(code) => "map",
        _ when IsExtension(code) => "extension",
        _ => $"0x{code:x2}",
    };
}
