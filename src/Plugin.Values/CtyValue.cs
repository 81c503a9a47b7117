namespace PodIdentity.Plugin.Values;

/// <summary>
/// An immutable cty value: a type plus one of three states. Null and unknown are distinct: a null value is known,
/// an unknown value is neither null nor known. Equality is structural (type, state and contents).
/// </summary>
public sealed partial class CtyValue
{
    // string | bool (boxed, shared) | CtyNumber (boxed) | CtyValue[] (list, set, tuple, object attributes in
    // the ObjectType's name order) | KeyValuePair<string, CtyValue>[] (map, keys in UTF-8 order); null when
    // the value is null or unknown.
    private readonly object? _payload;
    private readonly State _state;
    private int _hash;

    private CtyValue(CtyType type, State state, object? payload)
    {
        Type = type;
        _state = state;
        _payload = payload;
    }

    [Flags]
    private enum State : byte
    {
        Known = 0,
        Null = 1,
        Unknown = 2,
        PartlyUnknown = 4, // known here, but something nested is unknown
    }

    public CtyType Type { get; }

    public bool IsNull => _state == State.Null;

    public bool IsKnown => (_state & State.Unknown) == 0;

    /// <summary>Known, and so is everything inside it.</summary>
    public bool IsWhollyKnown => (_state & (State.Unknown | State.PartlyUnknown)) == 0;

    public override string ToString() => Internal.ValueFormatter.Format(this);
}
