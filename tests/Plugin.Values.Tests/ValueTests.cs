namespace PodIdentity.Plugin.Values.Tests;

public sealed class ValueTests
{
    private static readonly ObjectType Pair = CtyType.Object(new Dictionary<string, CtyType>
    {
        ["a"] = CtyType.String,
        ["b"] = CtyType.Number,
    });

    private static CtyValue S(string s) => CtyValue.String(s);

    private static CtyValue N(long n) => CtyValue.Number(n);

    private static CtyValue PairOf(CtyValue a, CtyValue b) =>
        CtyValue.Object(Pair, new Dictionary<string, CtyValue> { ["a"] = a, ["b"] = b });

    [Fact]
    public void Null_and_unknown_are_distinct_states()
    {
        var nul = CtyValue.Null(CtyType.String);
        var unk = CtyValue.Unknown(CtyType.String);
        Assert.True(nul.IsNull);
        Assert.True(nul.IsKnown);
        Assert.True(nul.IsWhollyKnown);
        Assert.False(unk.IsNull);
        Assert.False(unk.IsKnown);
        Assert.False(unk.IsWhollyKnown);
        Assert.NotEqual(nul, unk);
        Assert.Equal(unk, CtyValue.Unknown(CtyType.String));
        Assert.NotEqual(unk, CtyValue.Unknown(CtyType.Number));
        Assert.NotEqual(nul, S(""));
        Assert.Throws<InvalidOperationException>(() => nul.AsString());
        Assert.Throws<InvalidOperationException>(() => unk.AsString());
    }

    [Fact]
    public void Partly_unknown_collections_are_known_but_not_wholly_known()
    {
        var list = CtyValue.List(CtyType.String, [S("a"), CtyValue.Unknown(CtyType.String)]);
        Assert.True(list.IsKnown);
        Assert.False(list.IsWhollyKnown);
        var outer = PairOf(S("x"), CtyValue.Unknown(CtyType.Number));
        Assert.True(outer.IsKnown);
        Assert.False(outer.IsWhollyKnown);
        var withNull = PairOf(S("x"), CtyValue.Null(CtyType.Number));
        Assert.True(withNull.IsWhollyKnown);
    }

    [Fact]
    public void Primitive_accessors_return_contents()
    {
        Assert.Equal("hi", S("hi").AsString());
        Assert.True(CtyValue.Bool(true).AsBool());
        Assert.Same(CtyValue.True, CtyValue.Bool(true));
        Assert.Equal(CtyNumber.FromInt64(42), N(42).AsNumber());
        Assert.Equal(CtyNumber.FromDouble(1.5), CtyValue.Number(1.5).AsNumber());
        Assert.Throws<InvalidOperationException>(() => S("x").AsBool());
        Assert.Throws<InvalidOperationException>(() => N(1).AsString());
    }

    [Fact]
    public void Equality_is_structural()
    {
        Assert.Equal(S("a"), S("a"));
        Assert.Equal(N(1), CtyValue.Number(CtyNumber.Parse("1.0")));
        Assert.Equal(
            CtyValue.List(CtyType.String, [S("a"), S("b")]),
            CtyValue.List(CtyType.String, [S("a"), S("b")]));
        Assert.NotEqual(
            CtyValue.List(CtyType.String, [S("a"), S("b")]),
            CtyValue.List(CtyType.String, [S("b"), S("a")]));
        Assert.NotEqual(
            CtyValue.List(CtyType.String, [S("a")]),
            CtyValue.Set(CtyType.String, [S("a")]));
        Assert.Equal(PairOf(S("x"), N(1)), PairOf(S("x"), N(1)));
        Assert.Equal(PairOf(S("x"), N(1)).GetHashCode(), PairOf(S("x"), N(1)).GetHashCode());
        Assert.NotEqual(PairOf(S("x"), N(1)), PairOf(S("x"), N(2)));
        Assert.True(S("a") == S("a"));
        Assert.True(S("a") != S("b"));
    }

    [Fact]
    public void Sets_deduplicate_and_ignore_order()
    {
        var a = CtyValue.Set(CtyType.String, [S("b"), S("a"), S("b"), S("c"), S("a")]);
        Assert.Equal([S("a"), S("b"), S("c")], a.Elements);
        Assert.Equal(3, a.Count);
        var b = CtyValue.Set(CtyType.String, [S("c"), S("b"), S("a")]);
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());

        var objects = CtyValue.Set(Pair, [PairOf(S("x"), N(1)), PairOf(S("x"), N(1)), PairOf(S("x"), N(2))]);
        Assert.Equal(2, objects.Count);
        var nulls = CtyValue.Set(CtyType.Number, [CtyValue.Null(CtyType.Number), CtyValue.Null(CtyType.Number), N(1)]);
        Assert.Equal([N(1), CtyValue.Null(CtyType.Number)], nulls.Elements);
    }

    [Fact]
    public void Set_elements_with_unknowns_are_never_merged()
    {
        var unk = CtyValue.Unknown(CtyType.String);
        var set = CtyValue.Set(CtyType.String, [unk, S("a"), unk]);
        Assert.Equal(3, set.Count);
        Assert.False(set.IsWhollyKnown);
        var partly = PairOf(S("x"), CtyValue.Unknown(CtyType.Number));
        Assert.Equal(2, CtyValue.Set(Pair, [partly, partly]).Count);
        Assert.Equal(
            CtyValue.Set(CtyType.String, [unk, S("a"), unk]),
            CtyValue.Set(CtyType.String, [S("a"), unk, unk]));
    }

    [Fact]
    public void Numbers_in_sets_deduplicate_by_value()
    {
        var set = CtyValue.Set(CtyType.Number, [N(10), CtyValue.Number(CtyNumber.Parse("1e1")), CtyValue.Number(2.5), N(-3)]);
        Assert.Equal([N(-3), CtyValue.Number(2.5), N(10)], set.Elements);
    }

    [Fact]
    public void Maps_sort_keys_and_reject_duplicates()
    {
        var map = CtyValue.Map(CtyType.String, [new("b", S("2")), new("a", S("1")), new("\U0001F600", S("4")), new("\uFF21", S("3"))]);
        Assert.Equal(["a", "b", "\uFF21", "\U0001F600"], map.MapEntries.Select(e => e.Key));
        Assert.True(map.TryGetMapValue("\uFF21", out var v));
        Assert.Equal(S("3"), v);
        Assert.False(map.TryGetMapValue("c", out _));
        Assert.Throws<ArgumentException>(() => CtyValue.Map(CtyType.String, [new("a", S("1")), new("a", S("2"))]));
        Assert.Equal(
            map,
            CtyValue.Map(CtyType.String, [new("a", S("1")), new("b", S("2")), new("\uFF21", S("3")), new("\U0001F600", S("4"))]));
    }

    [Fact]
    public void Objects_carry_every_attribute()
    {
        var obj = PairOf(S("x"), CtyValue.Null(CtyType.Number));
        Assert.Equal(S("x"), obj.GetAttribute("a"));
        Assert.True(obj.GetAttribute("b").IsNull);
        Assert.Equal(["a", "b"], obj.Attributes.Select(a => a.Key));
        Assert.Throws<KeyNotFoundException>(() => obj.GetAttribute("c"));
        Assert.False(obj.TryGetAttribute("c", out _));
        Assert.Throws<ArgumentException>(() => CtyValue.Object(Pair, new Dictionary<string, CtyValue> { ["a"] = S("x") }));
        Assert.Throws<ArgumentException>(() => CtyValue.Object(Pair, new Dictionary<string, CtyValue>
        {
            ["a"] = S("x"),
            ["b"] = N(1),
            ["c"] = N(2),
        }));
    }

    [Fact]
    public void WithAttribute_returns_a_changed_copy()
    {
        var obj = PairOf(S("x"), N(1));
        var changed = obj.WithAttribute("b", CtyValue.Unknown(CtyType.Number));
        Assert.Equal(N(1), obj.GetAttribute("b"));
        Assert.False(changed.GetAttribute("b").IsKnown);
        Assert.False(changed.IsWhollyKnown);
        Assert.Equal(S("x"), changed.GetAttribute("a"));
        Assert.Throws<ArgumentException>(() => obj.WithAttribute("b", S("not a number")));
        Assert.Throws<KeyNotFoundException>(() => obj.WithAttribute("zzz", N(1)));
    }

    [Fact]
    public void Factories_check_element_types()
    {
        Assert.Throws<ArgumentException>(() => CtyValue.List(CtyType.String, [N(1)]));
        Assert.Throws<ArgumentException>(() => CtyValue.Set(CtyType.Number, [S("1")]));
        Assert.Throws<ArgumentException>(() => CtyValue.Map(CtyType.Bool, [new("a", S("true"))]));
        Assert.Throws<ArgumentException>(() => PairOf(N(1), N(1)));
    }

    [Fact]
    public void Dynamic_slots_accept_any_type_and_dynamic_nulls_take_the_slot_type()
    {
        var list = CtyValue.List(CtyType.Dynamic, [S("a")]);
        Assert.Equal(CtyType.List(CtyType.Dynamic), list.Type);
        Assert.Equal(CtyType.String, list.Elements[0].Type);

        var typed = CtyValue.List(CtyType.String, [CtyValue.Null(CtyType.Dynamic), CtyValue.Unknown(CtyType.Dynamic)]);
        Assert.Equal(CtyValue.Null(CtyType.String), typed.Elements[0]);
        Assert.Equal(CtyValue.Unknown(CtyType.String), typed.Elements[1]);
    }

    [Fact]
    public void Tuples_and_inferred_objects_take_their_types_from_contents()
    {
        var tuple = CtyValue.Tuple(S("a"), N(1), CtyValue.True);
        Assert.Equal(CtyType.Tuple(CtyType.String, CtyType.Number, CtyType.Bool), tuple.Type);
        Assert.Equal(tuple, CtyValue.Tuple([S("a"), N(1), CtyValue.True]));
        Assert.Equal(tuple, CtyValue.Tuple(new List<CtyValue> { S("a"), N(1), CtyValue.True }));
        var typed = CtyValue.Tuple(CtyType.Tuple(CtyType.Dynamic, CtyType.String), [N(1), CtyValue.Null(CtyType.Dynamic)]);
        Assert.Equal(CtyType.Tuple(CtyType.Dynamic, CtyType.String), typed.Type);
        Assert.Equal(CtyValue.Null(CtyType.String), typed.Elements[1]);
        Assert.Throws<ArgumentException>(() => CtyValue.Tuple(CtyType.Tuple(CtyType.String), [N(1)]));
        Assert.Throws<ArgumentException>(() => CtyValue.Tuple(CtyType.Tuple(CtyType.String), []));
        var obj = CtyValue.Object(new Dictionary<string, CtyValue> { ["a"] = S("x"), ["b"] = N(1) });
        Assert.Equal(Pair, obj.Type);
        Assert.Equal(PairOf(S("x"), N(1)), obj);
    }

    [Fact]
    public void Optional_markers_are_dropped_from_value_types()
    {
        var constraint = CtyType.Object(new Dictionary<string, CtyType> { ["a"] = CtyType.String, ["b"] = CtyType.Number }, ["b"]);
        var value = CtyValue.Object(constraint, new Dictionary<string, CtyValue> { ["a"] = S("x"), ["b"] = CtyValue.Null(CtyType.Number) });
        Assert.Equal(Pair, value.Type);
        Assert.Equal(CtyValue.Null(Pair), CtyValue.Null(constraint));
        Assert.Equal(CtyType.List(Pair), CtyValue.List(constraint, []).Type);
    }

    [Fact]
    public void Collection_accessors_require_known_values()
    {
        Assert.Throws<InvalidOperationException>(() => CtyValue.Null(CtyType.List(CtyType.String)).Elements);
        Assert.Throws<InvalidOperationException>(() => CtyValue.Unknown(CtyType.Map(CtyType.String)).MapEntries);
        Assert.Throws<InvalidOperationException>(() => CtyValue.Null(Pair).GetAttribute("a"));
        Assert.Throws<InvalidOperationException>(() => S("x").Elements);
        Assert.Throws<InvalidOperationException>(() => CtyValue.Map(CtyType.String, []).Elements);
    }

    [Fact]
    public void Elements_cannot_be_mutated_through_the_list()
    {
        var list = CtyValue.List(CtyType.String, [S("a")]);
        var elements = Assert.IsAssignableFrom<IList<CtyValue>>(list.Elements);
        Assert.Throws<NotSupportedException>(() => elements[0] = S("b"));
        Assert.Equal(S("a"), list.Elements[0]);
    }

    [Fact]
    public void ToString_renders_compactly()
    {
        var v = PairOf(S("x"), CtyValue.Unknown(CtyType.Number));
        Assert.Equal("{ a = \"x\", b = (unknown number) }", v.ToString());
        Assert.Equal("set[1, 2]", CtyValue.Set(CtyType.Number, [N(2), N(1)]).ToString());
        Assert.Equal("null", CtyValue.Null(CtyType.String).ToString());
    }
}
