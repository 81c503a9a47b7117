using PodIdentity.Plugin.Values;

namespace PodIdentity.Plugin.Framework;

/// <summary>
/// Reads stored state JSON (UpgradeResourceState's RawState.json) leniently: attributes the type does not have are
/// dropped (another schema version wrote them) and missing attributes become null.
/// </summary>
public static class StateJson
{
    /// <exception cref="CtyDecodeException">The JSON does not fit <paramref name="type"/>.</exception>
    public static CtyValue Decode(ReadOnlySpan<byte> json, CtyType type) =>
        JsonValueCodec.Decode(json, type, ignoreUndefinedAttributes: true);
}
