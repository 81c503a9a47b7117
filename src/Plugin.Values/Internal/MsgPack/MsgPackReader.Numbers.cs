using System.Buffers.Binary;

namespace PodIdentity.Plugin.Values.Internal.MsgPack;

// Numbers: every int, uint and float encoding.
internal ref partial struct MsgPackReader
{
    /// <summary>How a number was encoded, so callers can tell ints from floats.</summary>
    public enum NumberKind
    {
        Signed,
        Unsigned,
        Float,
    }

    /// <summary>Reads an int/uint/float item as one of three raw forms.</summary>
    public NumberKind ReadNumber(out NumberValue value)
    {
        var code = PeekCode();
        value = default;
        if (MsgPackCode.IsPositiveFixInt(code))
        {
            _position++;
            value.Signed = code;
            return NumberKind.Signed;
        }

        if (MsgPackCode.IsNegativeFixInt(code))
        {
            _position++;
            value.Signed = (sbyte)code;
            return NumberKind.Signed;
        }

        switch (code)
        {
            case MsgPackCode.UInt8:
                value.Unsigned = Take(2)[1];
                return NumberKind.Unsigned;
            case MsgPackCode.UInt16:
                value.Unsigned = BinaryPrimitives.ReadUInt16BigEndian(Take(3)[1..]);
                return NumberKind.Unsigned;
            case MsgPackCode.UInt32:
                value.Unsigned = BinaryPrimitives.ReadUInt32BigEndian(Take(5)[1..]);
                return NumberKind.Unsigned;
            case MsgPackCode.UInt64:
                value.Unsigned = BinaryPrimitives.ReadUInt64BigEndian(Take(9)[1..]);
                return NumberKind.Unsigned;
            case MsgPackCode.Int8:
                value.Signed = (sbyte)Take(2)[1];
                return NumberKind.Signed;
            case MsgPackCode.Int16:
                value.Signed = BinaryPrimitives.ReadInt16BigEndian(Take(3)[1..]);
                return NumberKind.Signed;
            case MsgPackCode.Int32:
                value.Signed = BinaryPrimitives.ReadInt32BigEndian(Take(5)[1..]);
                return NumberKind.Signed;
            case MsgPackCode.Int64:
                value.Signed = BinaryPrimitives.ReadInt64BigEndian(Take(9)[1..]);
                return NumberKind.Signed;
            case MsgPackCode.Float32:
                value.Float = BinaryPrimitives.ReadSingleBigEndian(Take(5)[1..]);
                return NumberKind.Float;
            case MsgPackCode.Float64:
                value.Float = BinaryPrimitives.ReadDoubleBigEndian(Take(9)[1..]);
                return NumberKind.Float;
            default:
                throw WrongKind("number", code);
        }
    }

    public struct NumberValue
    {
        public long Signed;
        public ulong Unsigned;
        public double Float;
    }
}
