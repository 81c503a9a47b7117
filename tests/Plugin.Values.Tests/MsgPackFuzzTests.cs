using static PodIdentity.Plugin.Values.Tests.Hex;

namespace PodIdentity.Plugin.Values.Tests;

/// <summary>
/// Seeded, bounded fuzzing: random mutations of valid encodings must either decode or fail with a
/// <see cref="CtyDecodeException"/>, and whatever decodes must survive decode -> encode -> decode unchanged.
/// </summary>
public sealed class MsgPackFuzzTests
{
    private const int Seed = 20261202;
    private const int Mutants = 40_000;

    // Bytes that switch an item to another msgpack kind or size class: the mutations most likely to confuse a reader.
    private static readonly byte[] Interesting =
    [
        0x00, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xc3, 0xc4, 0xc5, 0xc6, 0xc7, 0xc8, 0xc9, 0xca, 0xcb,
        0xcc, 0xcd, 0xce, 0xcf, 0xd0, 0xd3, 0xd4, 0xd8, 0xd9, 0xda, 0xdb, 0xdc, 0xdd, 0xde, 0xdf, 0xe0, 0xff, 0x0c, 0x22, 0x5b,
    ];

    [Fact]
    public void Mutated_encodings_decode_cleanly_or_fail_with_a_decode_error()
    {
        var seeds = Seeds();
        var random = new Random(Seed);
        int accepted = 0, rejected = 0;
        for (var i = 0; i < Mutants; i++)
        {
            var (type, original) = seeds[random.Next(seeds.Count)];
            var input = Mutate(original, random);
            CtyValue decoded;
            try
            {
                decoded = MsgPackCodec.Decode(input, type);
            }
            catch (CtyDecodeException)
            {
                rejected++;
                continue;
            }
            catch (Exception e)
            {
                Assert.Fail($"{e.GetType().Name} escaped decoding {Format(input)} as {type.ToJson()}: {e.Message}");
                throw;
            }

            accepted++;
            var encoded = MsgPackCodec.Encode(decoded, type);
            var again = MsgPackCodec.Decode(encoded, type);
            Assert.True(decoded.Equals(again), $"{Format(input)} as {type.ToJson()}: {decoded} came back as {again}");
            Assert.Equal(Format(encoded), Format(MsgPackCodec.Encode(again, type)));
        }

        // Both outcomes must be well represented, or the mutations are too timid (or too wild) to test anything.
        Assert.InRange(accepted, Mutants / 20, Mutants);
        Assert.InRange(rejected, Mutants / 5, Mutants);
    }

    private static List<(CtyType Type, byte[] Bytes)> Seeds()
    {
        var seeds = new List<(CtyType, byte[])>();
        foreach (var row in MsgPackGoldenTests.Golden)
        {
            seeds.Add((CtyType.FromJson((string)row[0]), Parse((string)row[1])));
        }

        foreach (var row in MsgPackNonCanonicalTests.Cases)
        {
            seeds.Add((CtyType.FromJson((string)row[0]), Parse((string)row[1])));
        }

        foreach (var row in MsgPackWireFormTests.Encodings)
        {
            seeds.Add((CtyType.FromJson((string)row[0]), Parse((string)row[1])));
        }

        return seeds;
    }

    private static byte[] Mutate(byte[] original, Random random)
    {
        var bytes = new List<byte>(original);
        var edits = random.Next(1, 4);
        for (var e = 0; e < edits; e++)
        {
            var at = bytes.Count == 0 ? 0 : random.Next(bytes.Count);
            switch (random.Next(bytes.Count == 0 ? 1 : 7))
            {
                case 0:
                    bytes.Insert(at, Pick(random));
                    break;
                case 1:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 2:
                    bytes[at] = Pick(random);
                    break;
                case 3:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 4:
                    bytes.RemoveAt(at);
                    break;
                case 5:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                default:
                    var length = random.Next(1, Math.Min(8, bytes.Count - at) + 1);
                    bytes.InsertRange(at, bytes.GetRange(at, length));
                    break;
            }
        }

        return [.. bytes];
    }

    private static byte Pick(Random random) => Interesting[random.Next(Interesting.Length)];
}
