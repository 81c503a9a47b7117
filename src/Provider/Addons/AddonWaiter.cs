namespace PodIdentity.Provider.Addons;

/// <summary>
/// Polls until a condition holds or a timeout runs out, waiting 1s, 2s, 4s... (at most 10s) between polls so a fast
/// add-on is seen at once and a slow one does not flood the API. Tests pass their own clock and delay.
/// </summary>
internal sealed class AddonWaiter(TimeProvider time, Func<TimeSpan, CancellationToken, Task> delay)
{
    private static readonly TimeSpan FirstWait = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(10);

    public static AddonWaiter Default { get; } =
        new(TimeProvider.System, (d, ct) => Task.Delay(d, TimeProvider.System, ct));

    /// <summary>The last polled value and whether the timeout ran out before <paramref name="finished"/> held.</summary>
    public async Task<(T Last, bool TimedOut)> PollAsync<T>(
        Func<CancellationToken, Task<T>> poll, Func<T, bool> finished, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + timeout;
        var wait = FirstWait;
        while (true)
        {
            var remaining = deadline - time.GetUtcNow();
            await delay(remaining < wait ? (remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero) : wait, cancellationToken).ConfigureAwait(false);
            var last = await poll(cancellationToken).ConfigureAwait(false);
            if (finished(last))
            {
                return (last, false);
            }

            if (time.GetUtcNow() >= deadline)
            {
                return (last, true);
            }

            wait = wait * 2 < MaxWait ? wait * 2 : MaxWait;
        }
    }
}
