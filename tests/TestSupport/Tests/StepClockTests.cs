namespace PodIdentity.TestSupport.Tests;

public sealed class StepClockTests
{
    [Fact]
    public async Task Moves_only_when_told()
    {
        var clock = new StepClock();
        var start = clock.GetUtcNow();

        await Task.Delay(20);
        Assert.Equal(start, clock.GetUtcNow());

        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(start + TimeSpan.FromMinutes(2), clock.GetUtcNow());
        Assert.Equal(StepClock.DefaultStart, start);
    }
}
