namespace PodIdentity.Plugin.Values.Internal.MsgPack;

/// <summary>Malformed msgpack; the value decoder turns it into a <see cref="CtyDecodeException"/> with a path.</summary>
internal sealed class MsgPackFormatException(string message) : Exception(message);
