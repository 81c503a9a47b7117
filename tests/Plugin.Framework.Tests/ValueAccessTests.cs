using PodIdentity.Plugin.Values;
using PodIdentity.TestSupport;

namespace PodIdentity.Plugin.Framework.Tests;

public sealed class ValueAccessTests
{
    private static readonly ObjectType Type = CtyType.Object(new Dictionary<string, CtyType>
    {
        ["s"] = CtyType.String,
        ["b"] = CtyType.Bool,
        ["n"] = CtyType.Number,
        ["m"] = CtyType.Map(CtyType.String),
        ["l"] = CtyType.List(CtyType.String),
        ["set"] = CtyType.Set(CtyType.String),
    });

    [Fact]
    public void Round_trips_typed_values()
    {
        var v = TestValues.Object(
            Type, ("s", "x"), ("b", true), ("n", 9_000_000_000L), ("m", new Dictionary<string, string> { ["k"] = "v" }), ("l", new[] { "a", "b" }),
            ("set", new[] { "z", "y" }));

        Assert.Equal("x", v.GetString("s"));
        Assert.Equal(true, v.GetBool("b"));
        Assert.Equal(9_000_000_000, v.GetInt64("n"));
        Assert.Equal("v", v.GetStringMap("m")!["k"]);
        Assert.Equal(["a", "b"], v.GetStringList("l"));
        Assert.Equal(2, v.GetStringList("set")!.Count);
        Assert.IsType<SetType>(v.GetAttribute("set").Type);
    }

    [Fact]
    public void Null_and_unknown_read_as_null()
    {
        var v = ValueAccess.EmptyObject(Type).WithUnknown("s");

        Assert.Null(v.GetString("s"));
        Assert.True(v.IsUnknown("s"));
        Assert.Null(v.GetBool("b"));
        Assert.Null(v.GetStringMap("m"));
        Assert.True(v.WithString("s", null).GetAttribute("s").IsNull);
    }
}
