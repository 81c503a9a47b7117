using Google.Protobuf.WellKnownTypes;
using PodIdentity.Plugin.Hosting;

// Test methods: echo, a server stream, a slow call that records its cancellation, a throwing call,
// a call that logs secrets and one that writes to Console.Out.
var cancelledCalls = new System.Collections.Concurrent.ConcurrentDictionary<string, TaskCompletionSource>();
var startedCalls = new System.Collections.Concurrent.ConcurrentDictionary<string, TaskCompletionSource>();
TaskCompletionSource Cancelled(string id) =>
    cancelledCalls.GetOrAdd(id, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
TaskCompletionSource Started(string id) =>
    startedCalls.GetOrAdd(id, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

return await PluginHost.RunAsync(args, new PluginHostOptions
{
    ProviderAddress = "podidentity/aws",
    UseTcp = args.Contains("--tcp"),
    Register = registry =>
    {
        if (args.Contains("--fail-register"))
        {
            throw new InvalidOperationException("schema is malformed");
        }

        registry.AddUnary<StringValue, StringValue>("/test.Test/Echo", StringValue.Parser, (request, _) =>
            Task.FromResult(new StringValue { Value = request.Value }));

        registry.AddUnary<BytesValue, Int64Value>("/test.Test/Size", BytesValue.Parser, (request, _) =>
            Task.FromResult(new Int64Value { Value = request.Value.Length }));

        registry.AddServerStreaming<Int32Value, StringValue>("/test.Test/Count", Int32Value.Parser, async (request, writer, _) =>
        {
            for (var i = 0; i < request.Value; i++)
            {
                await writer.WriteAsync(new StringValue { Value = $"item {i}" });
            }
        });

        // Waits up to 30 s; records under the request's id whether its token fired.
        registry.AddUnary<StringValue, Empty>("/test.Test/Slow", StringValue.Parser, async (request, context) =>
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
        });

        registry.AddUnary<StringValue, BoolValue>("/test.Test/WaitStarted", StringValue.Parser, async (request, _) =>
        {
            var started = Started(request.Value).Task;
            var done = await Task.WhenAny(started, Task.Delay(TimeSpan.FromSeconds(20)));
            return new BoolValue { Value = done == started };
        });

        registry.AddUnary<StringValue, BoolValue>("/test.Test/WasCancelled", StringValue.Parser, async (request, _) =>
        {
            var cancelled = Cancelled(request.Value).Task;
            var done = await Task.WhenAny(cancelled, Task.Delay(TimeSpan.FromSeconds(20)));
            return new BoolValue { Value = done == cancelled };
        });

        registry.AddUnary<Empty, Empty>("/test.Test/Throw", Empty.Parser, (_, _) =>
            throw new InvalidOperationException("boom: handler failed"));

        registry.AddUnary<StringValue, Empty>("/test.Test/Status", StringValue.Parser, (request, _) =>
            throw new GrpcStatusException(GrpcStatusCode.FailedPrecondition, request.Value));

        registry.AddUnary<StringValue, Empty>("/test.Test/LogSecrets", StringValue.Parser, (request, _) =>
        {
            Log.Trace(
                "calling AWS",
                ("secret_key", request.Value),
                ("session_token", request.Value),
                ("Authorization", request.Value),
                ("headers", new Dictionary<string, string> { ["X-Amz-Security-Token"] = request.Value, ["Host"] = "eks" }),
                ("region", "us-west-2"));
            return Task.FromResult(new Empty());
        });

        registry.AddUnary<Empty, Empty>("/test.Test/WriteConsole", Empty.Parser, (_, _) =>
        {
            Console.WriteLine("stray console output");
            Console.Out.Flush();
            return Task.FromResult(new Empty());
        });
    },
});
