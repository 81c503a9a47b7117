using System.Collections.Concurrent;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace PodIdentity.Plugin.Hosting.TestServer;

/// <summary>Test methods: echo, a server stream, a slow call that records its cancellation, a throwing call,
/// a call that logs secrets and one that writes to Console.Out.</summary>
internal sealed class TestService : Test.TestBase
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _cancelled = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _started = new();

    public override Task<StringValue> Echo(StringValue request, ServerCallContext context) =>
        Task.FromResult(new StringValue { Value = request.Value });

    public override Task<Int64Value> Size(BytesValue request, ServerCallContext context) =>
        Task.FromResult(new Int64Value { Value = request.Value.Length });

    public override async Task Count(Int32Value request, IServerStreamWriter<StringValue> responseStream, ServerCallContext context)
    {
        for (var i = 0; i < request.Value; i++)
        {
            await responseStream.WriteAsync(new StringValue { Value = $"item {i}" });
        }
    }

    /// <summary>Waits up to 30 s; records under the request's id whether its token fired.</summary>
    public override async Task<Empty> Slow(StringValue request, ServerCallContext context)
    {
        Started(request.Value).TrySetResult();
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(30), context.CancellationToken);
        }
        catch (OperationCanceledException)
        {
            Cancelled(request.Value).TrySetResult();
            throw;
        }

        return new Empty();
    }

    public override Task<BoolValue> WaitStarted(StringValue request, ServerCallContext context) =>
        Within20Seconds(Started(request.Value).Task);

    public override Task<BoolValue> WasCancelled(StringValue request, ServerCallContext context) =>
        Within20Seconds(Cancelled(request.Value).Task);

    public override Task<Empty> Throw(Empty request, ServerCallContext context) =>
        throw new InvalidOperationException("boom: handler failed");

    public override Task<Empty> Status(StringValue request, ServerCallContext context) =>
        throw new RpcException(new Grpc.Core.Status(StatusCode.FailedPrecondition, request.Value));

    public override Task<Empty> LogSecrets(StringValue request, ServerCallContext context)
    {
        Log.Trace(
            "calling AWS",
            ("secret_key", request.Value),
            ("session_token", request.Value),
            ("Authorization", request.Value),
            ("headers", new Dictionary<string, string> { ["X-Amz-Security-Token"] = request.Value, ["Host"] = "eks" }),
            ("region", "us-west-2"));
        return Task.FromResult(new Empty());
    }

    public override Task<Empty> WriteConsole(Empty request, ServerCallContext context)
    {
        Console.WriteLine("stray console output");
        Console.Out.Flush();
        return Task.FromResult(new Empty());
    }

    private static async Task<BoolValue> Within20Seconds(Task task)
    {
        var done = await Task.WhenAny(task, Task.Delay(TimeSpan.FromSeconds(20)));
        return new BoolValue { Value = done == task };
    }

    private TaskCompletionSource Cancelled(string id) =>
        _cancelled.GetOrAdd(id, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    private TaskCompletionSource Started(string id) =>
        _started.GetOrAdd(id, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    public void Map(GrpcMethods<TestService> methods)
    {
        methods.Unary<StringValue, StringValue>(nameof(Echo), Echo);
        methods.Unary<BytesValue, Int64Value>(nameof(Size), Size);
        methods.ServerStreaming<Int32Value, StringValue>(nameof(Count), Count);
        methods.Unary<StringValue, Empty>(nameof(Slow), Slow);
        methods.Unary<StringValue, BoolValue>(nameof(WaitStarted), WaitStarted);
        methods.Unary<StringValue, BoolValue>(nameof(WasCancelled), WasCancelled);
        methods.Unary<Empty, Empty>(nameof(Throw), Throw);
        methods.Unary<StringValue, Empty>(nameof(Status), Status);
        methods.Unary<StringValue, Empty>(nameof(LogSecrets), LogSecrets);
        methods.Unary<Empty, Empty>(nameof(WriteConsole), WriteConsole);
    }
}
