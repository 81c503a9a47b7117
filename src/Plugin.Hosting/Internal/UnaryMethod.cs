using System.Buffers;
using Google.Protobuf;

namespace PodIdentity.Plugin.Hosting.Internal;

internal sealed class UnaryMethod<TRequest, TResponse>(
    string path,
    MessageParser<TRequest> parser,
    Func<TRequest, GrpcCallContext, Task<TResponse>> handler) : GrpcMethod(path)
    where TRequest : IMessage<TRequest>
    where TResponse : IMessage<TResponse>
{
    public override async Task InvokeAsync(ReadOnlySequence<byte> payload, GrpcResponseWriter writer, GrpcCallContext context)
    {
        var request = parser.ParseFrom(payload);
        var response = await handler(request, context).ConfigureAwait(false);
        if (response is null)
        {
            throw new InvalidOperationException($"Handler for {Path} returned no response message.");
        }

        await writer.WriteMessageAsync(response).ConfigureAwait(false);
    }
}
