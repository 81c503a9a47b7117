namespace PodIdentity.TestSupport;

/// <summary>A clock that only moves when told to: timeouts, budgets and signing dates are tested without sleeping.</summary>
public sealed class StepClock(DateTimeOffset start) : TimeProvider
{
    public static readonly DateTimeOffset DefaultStart = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    public StepClock()
        : this(DefaultStart)
    {
    }

    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}
