using PodIdentity.Emulator.Admin;
using PodIdentity.Emulator.State;

namespace PodIdentity.Emulator.Hosting;

/// <summary>Everything an operation handler may use: state, faults, counters, clock and settings.</summary>
internal sealed class EmulatorContext(EmulatorOptions options, StateStore store, TimeProvider clock)
{
    public EmulatorOptions Options { get; } = options;
    public StateStore Store { get; } = store;
    public TimeProvider Clock { get; } = clock;
    public FaultRegistry Faults { get; } = new(clock);
    public CallLog Calls { get; } = new();

    public DateTimeOffset Now => Clock.GetUtcNow();

    public TimeSpan AddonTransition => TimeSpan.FromSeconds(Options.AddonTransitionSeconds);

    /// <summary>Whether EKS can see this role: it exists and IAM propagation is not holding it back.</summary>
    public bool EksCanSee(Role role) => !Faults.IsRoleHidden(role);
}
