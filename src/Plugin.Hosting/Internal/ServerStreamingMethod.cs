using System.Buffers;
using Google.Protobuf;

namespace PodIdentity.Plugin.Hosting.Internal;

internal sealed class ServerStreamingMethod<TRequest, TResponse>(
    string path,
    MessageParser<TRequest> parser,
    Func<TRequest, IGrpcStreamWriter<TResponse>, GrpcCallContext, Task> handler) : GrpcMethod(path)
    where TRequest : IMessage<TRequest>
    where TResponse : IMessage<TResponse>
{
    public override Task InvokeAsync(ReadOnlySequence<byte> payload, GrpcResponseWriter writer, GrpcCallContext context)
    {
        var request = parser.ParseFrom(payload);
        return handler(request, new StreamWriter(writer), context);
    }

    private sealed class StreamWriter(GrpcResponseWriter writer) : IGrpcStreamWriter<TResponse>
    {
        public Task WriteAsync(TResponse message)
        {
            ArgumentNullException.ThrowIfNull(message);
            return writer.WriteMessageAsync(message);
        }
    }
}
