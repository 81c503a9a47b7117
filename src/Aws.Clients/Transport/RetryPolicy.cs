using System.Net.Http.Headers;

namespace PodIdentity.Aws.Clients;

/// <summary>Which failures are retried and how long to wait: full-jitter exponential backoff, capped.</summary>
internal sealed class RetryPolicy(int maxRetries, bool adaptive, Func<double> random)
{
    public const int DefaultMaxRetries = 25;
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromMinutes(5);

    private static readonly HashSet<string> TransientCodes =
        ["RequestTimeout", "RequestTimeoutException", "InternalError", "InternalFailure", "ServiceUnavailable",
         "IDPCommunicationError", "EC2ThrottledException"];

    public int MaxRetries { get; } = maxRetries;

    /// <summary>Adaptive mode also slows every caller after a throttle, not only the throttled call.</summary>
    public bool Adaptive { get; } = adaptive;

    public static bool IsRetryableResponse(int status, string? errorCode) =>
        status is 500 or 502 or 503 or 504 or 429
        || AwsApiException.IsThrottlingCode(errorCode)
        || (errorCode is not null && TransientCodes.Contains(errorCode));

    public TimeSpan Backoff(int attempt)
    {
        var ceiling = Math.Min(MaxBackoff.TotalSeconds, Math.Pow(2, Math.Min(attempt, 30)));
        return TimeSpan.FromSeconds(random() * ceiling);
    }

    /// <summary>The server's requested wait, when it sent one.</summary>
    public static TimeSpan? RetryAfter(RetryConditionHeaderValue? header, DateTimeOffset now)
    {
        var wait = header switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - now,
            _ => (TimeSpan?)null,
        };
        if (wait is null)
        {
            return null;
        }

        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait > MaxRetryAfter ? MaxRetryAfter : wait;
    }
}
