namespace PodIdentity.Plugin.Hosting.Internal;

/// <summary>One shutdown switch for the whole process: Shutdown RPC, SIGTERM, or Ctrl-C in debug mode.</summary>
internal sealed class HostLifetime : IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource<string> _stopRequested = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Cancelled once shutdown begins; ORed into every call's token.</summary>
    public CancellationToken Stopping => _stopping.Token;

    /// <summary>Completes with the reason when something asks the process to stop.</summary>
    public Task<string> StopRequested => _stopRequested.Task;

    public void RequestStop(string reason) => _stopRequested.TrySetResult(reason);

    public void BeginStopping()
    {
        try
        {
            _stopping.Cancel();
        }
        catch (AggregateException ex)
        {
            Log.Error("a shutdown callback failed", ("error", ex.Message));
        }
    }

    public void Dispose() => _stopping.Dispose();
}
