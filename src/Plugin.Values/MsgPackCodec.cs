using System.Buffers;
using PodIdentity.Plugin.Values.Internal.MsgPack;

namespace PodIdentity.Plugin.Values;

/// <summary>
/// cty values in msgpack, as tfplugin6 DynamicValue.msgpack carries them. Decoding accepts every legal encoding
/// and any extension as "unknown"; encoding writes the canonical form (smallest headers, sorted keys,
/// <c>d4 00 00</c> for unknown). Refinements on unknowns are accepted and dropped.
/// </summary>
public static class MsgPackCodec
{
    /// <summary>Deepest nesting of containers (and dynamic wrappers) the decoder accepts.</summary>
    public const int MaxDepth = 64;

    /// <summary>Largest extension (unknown value) payload the decoder accepts, in bytes.</summary>
    public const int MaxExtensionPayload = 1024;

    public static byte[] Encode(CtyValue value, CtyType type)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        Encode(value, type, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <exception cref="CtyEncodeException">The value does not conform to <paramref name="type"/>.</exception>
    public static void Encode(CtyValue value, CtyType type, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(output);
        MsgPackValueEncoder.Encode(value, type, output);
    }

    /// <exception cref="CtyDecodeException">Malformed input, or input that does not fit <paramref name="type"/>.</exception>
    public static CtyValue Decode(ReadOnlySpan<byte> data, CtyType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return MsgPackValueDecoder.Decode(data, type);
    }
}
