namespace PodIdentity.Aws.Clients;

/// <summary>
/// One HTTP attempt of an API call, for logs and metrics. Deliberately carries no headers or bodies.
/// <see cref="HttpStatus"/> is null when no response arrived (connection failure, timeout).
/// </summary>
public sealed record AwsCallInfo(
    string Service,
    string Operation,
    int Attempt,
    int? HttpStatus,
    TimeSpan Duration,
    string? RequestId,
    string? ErrorCode,
    bool WillRetry);

public enum AwsLogLevel
{
    Trace,
    Debug,
    Info,
    Warn,
    Error,
}

/// <summary>A log line from the AWS layer; the provider forwards it to its own logger.</summary>
public sealed record AwsLogEvent(AwsLogLevel Level, string Message, IReadOnlyList<KeyValuePair<string, object?>> Fields);
