using PodIdentity.Aws.Clients;
using PodIdentity.Plugin.Logging;
using PodIdentity.Provider.Shared;

namespace PodIdentity.Provider.Associations;

/// <summary>
/// IAM is eventually consistent: a role created a moment ago may not be visible to EKS yet, and EKS then says the
/// role does not exist. Such calls are retried with growing waits until a time budget runs out; any other error
/// ends the loop at once. The transport's own retries (throttling, 5xx) happen inside each attempt.
/// </summary>
internal sealed class RolePropagationRetry(TimeSpan budget, TimeProvider time, Func<TimeSpan, CancellationToken, Task> delay)
{
    private static readonly TimeSpan FirstWait = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(5);

    public static RolePropagationRetry Default { get; } =
        new(TimeSpan.FromMinutes(2), TimeProvider.System, (d, ct) => Task.Delay(d, TimeProvider.System, ct));

    public async Task<T> RunAsync<T>(string operation, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + budget;
        var wait = FirstWait;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call(cancellationToken).ConfigureAwait(false);
            }
            catch (AwsApiException e) when (AwsErrors.IsRoleNotYetVisible(e) && time.GetUtcNow() + wait <= deadline)
            {
                Log.Debug(
                    "IAM role not visible to EKS yet; retrying",
                    ("operation", operation), ("attempt", attempt), ("wait_ms", wait.TotalMilliseconds), ("request_id", e.RequestId));
                await delay(wait, cancellationToken).ConfigureAwait(false);
                wait = wait * 2 < MaxWait ? wait * 2 : MaxWait;
            }
        }
    }
}
