using System.Runtime.CompilerServices;

namespace PodIdentity.Aws.Clients.Tests;

internal sealed class ManualTime(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>Clients wired to a fake handler, fixed keys and a recorded (instant) backoff.</summary>
internal sealed class TestRig : IDisposable
{
    public const string AccessKey = "AKIDTESTKEY";
    public const string SecretKey = "test-secret-value-9f8e7d";

    public TestRig(FakeHandler? handler = null, AwsProviderConfig? config = null, IReadOnlyDictionary<string, string>? env = null,
        TimeProvider? time = null)
    {
        Handler = handler ?? new FakeHandler();
        Config = config ?? new AwsProviderConfig { Region = "us-east-1", AccessKey = AccessKey, SecretKey = SecretKey };
        Clients = AwsClients.Create(Config, new AwsClientOptions
        {
            Handler = Handler,
            Environment = env ?? new Dictionary<string, string>(),
            OnCall = Calls.Add,
            Log = Logs.Add,
            TimeProvider = time,
            Delay = (d, ct) =>
            {
                Delays.Add(d);
                ct.ThrowIfCancellationRequested();
                return Task.CompletedTask;
            },
        });
    }

    public FakeHandler Handler { get; }
    public AwsProviderConfig Config { get; }
    public AwsClients Clients { get; }
    public List<AwsCallInfo> Calls { get; } = [];
    public List<TimeSpan> Delays { get; } = [];
    public List<AwsLogEvent> Logs { get; } = [];

    public RecordedRequest Last => Handler.Requests[^1];

    public void Dispose() => Clients.Dispose();
}

internal static class Paths
{
    /// <summary>The official models: AWS_MODELS_DIR, else &lt;repo&gt;/../shared/aws-models.</summary>
    public static string ModelsDir([CallerFilePath] string sourceFile = "")
    {
        if (Environment.GetEnvironmentVariable("AWS_MODELS_DIR") is { Length: > 0 } fromEnv)
        {
            return fromEnv;
        }

        var dir = new DirectoryInfo(Path.GetDirectoryName(sourceFile)!);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DESIGN.md")))
        {
            dir = dir.Parent;
        }

        var repo = dir?.FullName ?? throw new DirectoryNotFoundException("Repository root (DESIGN.md) not found above " + sourceFile);
        return Path.GetFullPath(Path.Combine(repo, "..", "shared", "aws-models"));
    }
}
