using PodIdentity.Plugin.Values.Internal;

namespace PodIdentity.Plugin.Values;

// Unchecked constructors for codecs, which produce conforming contents by construction.
public sealed partial class CtyValue
{
    internal static CtyValue CreateList(ListType type, CtyValue[] elements) =>
        new(type, StateOf(elements), elements);

    internal static CtyValue CreateSet(SetType type, CtyValue[] elements) =>
        new(type, StateOf(elements), SetOrder.SortAndDeduplicate(elements));

    internal static CtyValue CreateTuple(TupleType type, CtyValue[] elements) =>
        new(type, StateOf(elements), elements);

    /// <summary><paramref name="attributes"/> is in the order of <paramref name="type"/>'s attribute names.</summary>
    internal static CtyValue CreateObject(ObjectType type, CtyValue[] attributes) =>
        new(type, StateOf(attributes), attributes);

    /// <summary><paramref name="entries"/> is sorted by key in UTF-8 order, without duplicates.</summary>
    internal static CtyValue CreateMap(MapType type, KeyValuePair<string, CtyValue>[] entries)
    {
        var state = State.Known;
        foreach (var e in entries)
        {
            if (!e.Value.IsWhollyKnown)
            {
                state = State.PartlyUnknown;
                break;
            }
        }

        return new CtyValue(type, state, entries);
    }

    internal static CtyValue CreateString(string value) =>
        value.Length == 0 ? EmptyString : new CtyValue(CtyType.String, State.Known, value);

    internal ReadOnlySpan<CtyValue> ElementSpan => (CtyValue[])_payload!;

    internal ReadOnlySpan<KeyValuePair<string, CtyValue>> MapSpan => (KeyValuePair<string, CtyValue>[])_payload!;

    internal object? Payload => _payload;

    private static State StateOf(CtyValue[] children)
    {
        foreach (var c in children)
        {
            if (!c.IsWhollyKnown)
            {
                return State.PartlyUnknown;
            }
        }

        return State.Known;
    }
}
