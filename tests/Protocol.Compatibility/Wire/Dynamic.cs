using Google.Protobuf;
using PodIdentity.Plugin.Values;
using PodIdentity.Protocol.Compatibility.Tfplugin6;

namespace PodIdentity.Protocol.Compatibility.Wire;

/// <summary>DynamicValue in and out as the clients handle it: they always send msgpack; they read msgpack, or json when
/// only that is set, and take an empty DynamicValue as null.</summary>
internal static class Dynamic
{
    public static DynamicValue Encode(CtyValue value, CtyType type) =>
        new() { Msgpack = ByteString.CopyFrom(MsgPackCodec.Encode(value, type)) };

    public static CtyValue Decode(DynamicValue? value, CtyType type)
    {
        if (value is null)
        {
            return CtyValue.Null(type);
        }

        if (!value.Msgpack.IsEmpty)
        {
            return MsgPackCodec.Decode(value.Msgpack.Span, type);
        }

        return value.Json.IsEmpty ? CtyValue.Null(type) : JsonValueCodec.Decode(value.Json.Span, type);
    }

    public static ResourceIdentityData? Identity(CtyValue identity, CtyType type) =>
        identity.IsNull ? null : new ResourceIdentityData { IdentityData = Encode(identity, type) };

    public static CtyValue Identity(ResourceIdentityData? identity, CtyType type) =>
        identity?.IdentityData is { } data ? Decode(data, type) : CtyValue.Null(type);
}
