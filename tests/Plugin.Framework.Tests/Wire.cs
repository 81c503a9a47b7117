using Google.Protobuf;
using PodIdentity.Plugin.Values;
using PodIdentity.TestSupport;
using Proto = PodIdentity.Plugin.Protocol.Tfplugin6;

namespace PodIdentity.Plugin.Framework.Tests;

/// <summary>Builds and reads DynamicValues the way Terraform does (msgpack).</summary>
internal static class Wire
{
    public static Proto.DynamicValue Dv(CtyValue value) =>
        new() { Msgpack = ByteString.CopyFrom(MsgPackCodec.Encode(value, value.Type)) };

    public static Proto.DynamicValue Null(CtyType type) => Dv(CtyValue.Null(type));

    public static CtyValue Read(Proto.DynamicValue value, CtyType type)
    {
        Assert.False(value.Msgpack.IsEmpty, "the provider must answer msgpack");
        return MsgPackCodec.Decode(value.Msgpack.Span, type);
    }

    /// <summary>A fake_thing value: attributes not given are null, the rule block empty (as Terraform sends it).</summary>
    public static CtyValue Thing(params (string Name, object? Value)[] attributes) =>
        TestValues.Object(FakeResource.Type, [("rule", Array.Empty<object>()), .. attributes]);

    public static CtyValue S(string s) => CtyValue.String(s);

    public static CtyValue Rule(long port, CtyValue label) =>
        CtyValue.Object(FakeResource.RuleType, new Dictionary<string, CtyValue> { ["port"] = CtyValue.Number(port), ["label"] = label });

    public static IEnumerable<string> Paths(IEnumerable<Proto.AttributePath> paths) => paths.Select(Path);

    public static string Path(Proto.AttributePath path) => string.Concat(path.Steps.Select(s => s.SelectorCase switch
    {
        Proto.AttributePath.Types.Step.SelectorOneofCase.AttributeName => "." + s.AttributeName,
        Proto.AttributePath.Types.Step.SelectorOneofCase.ElementKeyString => $"[\"{s.ElementKeyString}\"]",
        _ => $"[{s.ElementKeyInt}]",
    })).TrimStart('.');
}
