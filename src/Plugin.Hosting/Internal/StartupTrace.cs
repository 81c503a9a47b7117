using System.Diagnostics;

namespace PodIdentity.Plugin.Hosting.Internal;

/// <summary>
/// Start-up timestamps for profiling (bench/handshake/trace.sh). With <c>PODIDENTITY_STARTUP_TRACE=1</c> every
/// mark is a stderr line <c>startup-trace NS UTC THREAD EVENT</c>, NS being CLOCK_MONOTONIC in nanoseconds (the
/// clock of Stopwatch on Linux and of Python's time.monotonic_ns, so the bench can subtract its exec time) and UTC
/// the wall clock (to line up with Terraform's log). Off, a mark is one static read. Never stdout: that belongs to the handshake line.
/// </summary>
internal static class StartupTrace
{
    public const string EnvironmentKey = "PODIDENTITY_STARTUP_TRACE";

    private static readonly bool s_enabled = Environment.GetEnvironmentVariable(EnvironmentKey) == "1";

    public static bool Enabled => s_enabled;

    public static void Mark(string what)
    {
        if (s_enabled)
        {
            var nanoseconds = (long)(Stopwatch.GetTimestamp() * (1_000_000_000.0 / Stopwatch.Frequency));
            Console.Error.Write($"startup-trace {nanoseconds} {DateTime.UtcNow:HH:mm:ss.ffffff} {Environment.CurrentManagedThreadId} {what}\n");
        }
    }
}
