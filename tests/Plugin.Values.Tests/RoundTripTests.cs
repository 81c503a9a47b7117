namespace PodIdentity.Plugin.Values.Tests;

/// <summary>Seeded random types and values: both codecs give back an equal value, msgpack bytes are stable.</summary>
public sealed class RoundTripTests
{
    private static readonly string[] Pieces = ["a", "b", "\"", "\\", "é", "😀", "\n", " ", "z", "\u0000", "\uFF21"];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Random_values_round_trip(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < 200; i++)
        {
            var type = RandomType(random, 4);
            var value = RandomValue(random, type, 4, allowUnknown: true);
            var bytes = MsgPackCodec.Encode(value, type);
            var decoded = MsgPackCodec.Decode(bytes, type);
            Assert.Equal(value, decoded);
            Assert.Equal(bytes, MsgPackCodec.Encode(decoded, type));

            var known = RandomValue(random, type, 4, allowUnknown: false);
            var json = JsonValueCodec.Encode(known, type);
            Assert.Equal(known, JsonValueCodec.Decode(json, type));
        }
    }

    private static CtyType RandomType(Random r, int depth)
    {
        var pick = r.Next(depth <= 0 ? 4 : 10);
        return pick switch
        {
            0 => CtyType.String,
            1 => CtyType.Number,
            2 => CtyType.Bool,
            3 => CtyType.String,
            4 => CtyType.List(RandomType(r, depth - 1)),
            5 => CtyType.Set(RandomType(r, depth - 1)),
            6 => CtyType.Map(RandomType(r, depth - 1)),
            7 => CtyType.Tuple(Enumerable.Range(0, r.Next(4)).Select(_ => RandomType(r, depth - 1)).ToArray()),
            8 => CtyType.Object(Enumerable.Range(0, r.Next(5)).ToDictionary(i => "attr" + i, _ => RandomType(r, depth - 1))),
            _ => CtyType.Dynamic,
        };
    }

    private static CtyValue RandomValue(Random r, CtyType type, int depth, bool allowUnknown)
    {
        var roll = r.Next(12);
        if (roll == 0)
        {
            return CtyValue.Null(type);
        }

        if (roll == 1 && allowUnknown)
        {
            return CtyValue.Unknown(type);
        }

        switch (type)
        {
            case PrimitiveType { Kind: PrimitiveKind.String }:
                return CtyValue.String(string.Concat(Enumerable.Range(0, r.Next(40)).Select(_ => Pieces[r.Next(Pieces.Length)])));
            case PrimitiveType { Kind: PrimitiveKind.Number }:
                return r.Next(4) switch
                {
                    0 => CtyValue.Number(r.NextInt64(long.MinValue, long.MaxValue)),
                    1 => CtyValue.Number((r.NextDouble() - 0.5) * Math.Pow(10, r.Next(-20, 20))),
                    2 => CtyValue.Number(CtyNumber.Parse($"{r.NextInt64()}{r.NextInt64()}.{r.Next()}")),
                    _ => CtyValue.Number(r.Next(-1000, 1000)),
                };
            case PrimitiveType:
                return CtyValue.Bool(r.Next(2) == 0);
            case DynamicType:
                var concrete = RandomType(r, Math.Min(depth, 1));
                var inner = RandomValue(r, concrete, depth - 1, allowUnknown);
                // A null or unknown in a dynamic slot travels without its type (see the non-canonical tests).
                return inner.IsKnown && !inner.IsNull ? inner : inner.IsNull ? CtyValue.Null(CtyType.Dynamic) : CtyValue.Unknown(CtyType.Dynamic);
            case ListType l:
                return CtyValue.List(l.ElementType, Many(r, () => RandomValue(r, l.ElementType, depth - 1, allowUnknown)));
            case SetType s:
                return CtyValue.Set(s.ElementType, Many(r, () => RandomValue(r, s.ElementType, depth - 1, allowUnknown)));
            case MapType m:
                return CtyValue.Map(m.ElementType, Many(r, () => KeyValuePair.Create("k" + r.Next(1000), RandomValue(r, m.ElementType, depth - 1, allowUnknown)))
                    .DistinctBy(e => e.Key));
            case TupleType t:
                return CtyValue.Tuple(t, t.ElementTypes.Select(e => RandomValue(r, e, depth - 1, allowUnknown)));
            case ObjectType o:
                return CtyValue.Object(o, o.AttributeNames.ToDictionary(n => n, n => RandomValue(r, o.AttributeTypes[n], depth - 1, allowUnknown)));
            default:
                throw new InvalidOperationException();
        }
    }

    private static List<T> Many<T>(Random r, Func<T> make) => Enumerable.Range(0, r.Next(5)).Select(_ => make()).ToList();
}
