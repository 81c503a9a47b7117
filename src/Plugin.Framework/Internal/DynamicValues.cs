using Google.Protobuf;
using PodIdentity.Plugin.Values;
using Proto = PodIdentity.Plugin.Protocol.Tfplugin6;

namespace PodIdentity.Plugin.Framework.Internal;

/// <summary>DynamicValue in both directions: msgpack preferred, JSON accepted, empty means null; always answer msgpack.</summary>
internal static class DynamicValues
{
    /// <exception cref="CtyDecodeException">The bytes do not hold a value of <paramref name="type"/>.</exception>
    public static CtyValue Decode(Proto.DynamicValue? value, CtyType type)
    {
        if (value is null || (value.Msgpack.IsEmpty && value.Json.IsEmpty))
        {
            return CtyValue.Null(type);
        }

        return value.Msgpack.IsEmpty
            ? JsonValueCodec.Decode(value.Json.Span, type)
            : MsgPackCodec.Decode(value.Msgpack.Span, type);
    }

    public static Proto.DynamicValue Encode(CtyValue value, CtyType type) =>
        new() { Msgpack = UnsafeByteOperations.UnsafeWrap(MsgPackCodec.Encode(value, type)) };
}
