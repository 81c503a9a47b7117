using System.Buffers;

namespace PodIdentity.Plugin.Hosting.Internal;

/// <summary>One registered method: parses its request and runs the handler.</summary>
internal abstract class GrpcMethod(string path)
{
    public string Path { get; } = path;

    /// <summary>Parses <paramref name="payload"/> (throws InvalidProtocolBufferException) and runs the handler,
    /// sending responses through <paramref name="writer"/>.</summary>
    public abstract Task InvokeAsync(ReadOnlySequence<byte> payload, GrpcResponseWriter writer, GrpcCallContext context);
}
