namespace PodIdentity.Aws.Clients.Tests;

/// <summary>Clients wired to a fake handler, fixed keys and a recorded (instant) backoff.</summary>
internal sealed class TestRig : IDisposable
{
    public const string AccessKey = "AKIDTESTKEY";
    public const string SecretKey = "test-secret-value-9f8e7d";

    public TestRig(FakeHttpHandler? handler = null, AwsProviderConfig? config = null, IReadOnlyDictionary<string, string>? env = null,
        TimeProvider? time = null)
    {
        Handler = handler ?? new FakeHttpHandler();
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

    public FakeHttpHandler Handler { get; }
    public AwsProviderConfig Config { get; }
    public AwsClients Clients { get; }
    public List<AwsCallInfo> Calls { get; } = [];
    public List<TimeSpan> Delays { get; } = [];
    public List<AwsLogEvent> Logs { get; } = [];

    public RecordedRequest Last => Handler.Requests[^1];

    public void Dispose() => Clients.Dispose();
}
