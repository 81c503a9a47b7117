namespace PodIdentity.Aws.Clients;

/// <summary>How the clients talk to AWS, beyond what the provider configuration says.</summary>
public sealed record AwsClientOptions
{
    /// <summary>The process environment when null. Used for credential sources that read it (web identity, containers).</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>Appended to the User-Agent, e.g. <c>Terraform/1.11.4</c>.</summary>
    public string? UserAgentSuffix { get; init; }

    /// <summary>Called after every HTTP attempt.</summary>
    public Action<AwsCallInfo>? OnCall { get; init; }

    /// <summary>Debug messages from the AWS layer (credential source chosen, and so on).</summary>
    public Action<AwsLogEvent>? Log { get; init; }

    /// <summary>Replaces the network handler (tests, or a caller-owned handler). The clients do not dispose it.</summary>
    public HttpMessageHandler? Handler { get; init; }

    public TimeProvider? TimeProvider { get; init; }

    /// <summary>Waits between retries; replaced in tests to observe backoff without sleeping.</summary>
    public Func<TimeSpan, CancellationToken, Task>? Delay { get; init; }

    /// <summary>Per-attempt HTTP timeout.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
