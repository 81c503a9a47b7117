using System.Collections.Concurrent;

namespace PodIdentity.Emulator.Admin;

/// <summary>One served API call: which operation, and the identity whose key signed it (null when unsigned).</summary>
internal sealed record CallEntry(DateTimeOffset At, string Service, string Operation, string? CallerArn, string? AccessKeyId);

/// <summary>
/// Every request that reached an operation: counts keyed "service:Operation", and the ordered log with the caller.
/// The log keeps the latest <see cref="Capacity"/> entries so a long-running emulator does not grow without bound.
/// </summary>
internal sealed class CallLog
{
    public const int Capacity = 10_000;
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);
    private readonly Queue<CallEntry> _entries = new();
    private readonly Lock _sync = new();

    public void Record(CallEntry entry)
    {
        _counts.AddOrUpdate(entry.Service + ":" + entry.Operation, 1, (_, n) => n + 1);
        lock (_sync)
        {
            _entries.Enqueue(entry);
            if (_entries.Count > Capacity)
            {
                _entries.Dequeue();
            }
        }
    }

    public IReadOnlyDictionary<string, long> Counts() =>
        new SortedDictionary<string, long>(_counts, StringComparer.Ordinal);

    public IReadOnlyList<CallEntry> Entries()
    {
        lock (_sync)
        {
            return [.. _entries];
        }
    }

    public void Reset()
    {
        lock (_sync)
        {
            _counts.Clear();
            _entries.Clear();
        }
    }
}
