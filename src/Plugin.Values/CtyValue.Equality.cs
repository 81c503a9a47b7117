namespace PodIdentity.Plugin.Values;

// Structural equality: same type, same state, same contents. Two unknowns of one type are equal.
public sealed partial class CtyValue : IEquatable<CtyValue>
{
    public static bool operator ==(CtyValue? left, CtyValue? right) =>
        left is null ? right is null : left.Equals(right);

    public static bool operator !=(CtyValue? left, CtyValue? right) => !(left == right);

    public bool Equals(CtyValue? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || _state != other._state || !Type.Equals(other.Type))
        {
            return false;
        }

        if (_hash != 0 && other._hash != 0 && _hash != other._hash)
        {
            return false;
        }

        return (_payload, other._payload) switch
        {
            (null, null) => true,
            (CtyValue[] a, CtyValue[] b) => a.AsSpan().SequenceEqual(b),
            (KeyValuePair<string, CtyValue>[] a, KeyValuePair<string, CtyValue>[] b) => MapEquals(a, b),
            var (a, b) => a!.Equals(b),
        };
    }

    public override bool Equals(object? obj) => obj is CtyValue v && Equals(v);

    public override int GetHashCode()
    {
        if (_hash != 0)
        {
            return _hash;
        }

        var hash = new HashCode();
        hash.Add(Type);
        hash.Add(_state);
        switch (_payload)
        {
            case CtyValue[] a:
                foreach (var v in a)
                {
                    hash.Add(v.GetHashCode());
                }

                break;
            case KeyValuePair<string, CtyValue>[] m:
                foreach (var e in m)
                {
                    hash.Add(e.Key);
                    hash.Add(e.Value.GetHashCode());
                }

                break;
            case { } p:
                hash.Add(p);
                break;
        }

        var h = hash.ToHashCode();
        _hash = h == 0 ? 1 : h; // benign race: every thread computes the same number
        return _hash;
    }

    private static bool MapEquals(KeyValuePair<string, CtyValue>[] a, KeyValuePair<string, CtyValue>[] b)
    {
        if (a.Length != b.Length)
        {
            return false;
        }

        for (var i = 0; i < a.Length; i++)
        {
            if (a[i].Key != b[i].Key || !a[i].Value.Equals(b[i].Value))
            {
                return false;
            }
        }

        return true;
    }
}
