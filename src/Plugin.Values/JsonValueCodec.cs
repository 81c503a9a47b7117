using System.Buffers;
using PodIdentity.Plugin.Values.Internal.Json;

namespace PodIdentity.Plugin.Values;

/// <summary>
/// cty values as plain JSON (tfplugin6 RawState.json and DynamicValue.json). JSON has no unknowns, so encoding
/// an unknown fails. Dynamic slots use <c>{"value":...,"type":...}</c>. Numbers are exact decimal text.
/// </summary>
public static class JsonValueCodec
{
    public static byte[] Encode(CtyValue value, CtyType type)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        Encode(value, type, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <exception cref="CtyEncodeException">The value is (partly) unknown or does not conform to <paramref name="type"/>.</exception>
    public static void Encode(CtyValue value, CtyType type, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(output);
        JsonValueEncoder.Encode(value, type, output);
    }

    /// <summary>
    /// Decodes JSON as <paramref name="type"/>. A missing object attribute becomes null. An attribute the type
    /// does not have is an error unless <paramref name="ignoreUndefinedAttributes"/> is set (useful for stored
    /// state written by an older schema that had more attributes).
    /// </summary>
    /// <exception cref="CtyDecodeException">Malformed JSON, or JSON that does not fit <paramref name="type"/>.</exception>
    public static CtyValue Decode(ReadOnlySpan<byte> json, CtyType type, bool ignoreUndefinedAttributes = false)
    {
        ArgumentNullException.ThrowIfNull(type);
        return JsonValueDecoder.Decode(json, type, ignoreUndefinedAttributes);
    }
}
