using System.Collections.Concurrent;

namespace PodIdentity.Emulator.Admin;

/// <summary>Counts every request that reached an operation, keyed "service:Operation".</summary>
internal sealed class CallCounter
{
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    public void Record(string service, string operation) =>
        _counts.AddOrUpdate(service + ":" + operation, 1, (_, n) => n + 1);

    public IReadOnlyDictionary<string, long> Snapshot() =>
        new SortedDictionary<string, long>(_counts, StringComparer.Ordinal);

    public void Reset() => _counts.Clear();
}
