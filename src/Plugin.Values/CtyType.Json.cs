using System.Text;
using PodIdentity.Plugin.Values.Internal;

namespace PodIdentity.Plugin.Values;

// Type JSON, as in tfplugin6 schemas and dynamic values: "string", ["list","number"], ["object",{...},["opt"]].
public abstract partial class CtyType
{
    private string? _json;

    public string ToJson() => _json ??= Encoding.UTF8.GetString(TypeJson.Write(this));

    /// <summary>Parses type JSON; throws <see cref="CtyDecodeException"/> when it is malformed.</summary>
    public static CtyType FromJson(ReadOnlySpan<byte> utf8Json) => TypeJson.Read(utf8Json);

    public static CtyType FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return TypeJson.Read(Encoding.UTF8.GetBytes(json));
    }
}
