using Google.Protobuf;
using PodIdentity.Plugin.Hosting.Internal;

namespace PodIdentity.Plugin.Hosting;

/// <summary>The gRPC methods the host serves, keyed by full path (<c>/package.Service/Method</c>).</summary>
public sealed class GrpcServiceRegistry
{
    private readonly Dictionary<string, GrpcMethod> _methods = new(StringComparer.Ordinal);

    internal GrpcServiceRegistry()
    {
    }

    internal IReadOnlyDictionary<string, GrpcMethod> Methods => _methods;

    public void AddUnary<TRequest, TResponse>(
        string path,
        MessageParser<TRequest> parser,
        Func<TRequest, GrpcCallContext, Task<TResponse>> handler)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>
    {
        Add(new UnaryMethod<TRequest, TResponse>(path, parser, handler));
    }

    public void AddServerStreaming<TRequest, TResponse>(
        string path,
        MessageParser<TRequest> parser,
        Func<TRequest, IGrpcStreamWriter<TResponse>, GrpcCallContext, Task> handler)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>
    {
        Add(new ServerStreamingMethod<TRequest, TResponse>(path, parser, handler));
    }

    private void Add(GrpcMethod method)
    {
        if (!method.Path.StartsWith('/') || method.Path.IndexOf('/', 1) < 0)
        {
            throw new ArgumentException($"gRPC path must look like /package.Service/Method: {method.Path}", nameof(method));
        }

        if (!_methods.TryAdd(method.Path, method))
        {
            throw new InvalidOperationException($"gRPC method registered twice: {method.Path}");
        }
    }
}
