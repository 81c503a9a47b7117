using System.Diagnostics.CodeAnalysis;
using Google.Protobuf;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;

namespace PodIdentity.Plugin.Hosting;

/// <summary>
/// The methods of one proto service, registered one call each with their message types spelled out, e.g.
/// <c>methods.Unary&lt;GetMetadata.Types.Request, GetMetadata.Types.Response&gt;(nameof(GetMetadata), GetMetadata)</c>:
/// the handler's signature fixes the types and the streaming kind, <c>nameof</c> the name (Grpc.Tools names each
/// method as its rpc). Messages go over the wire exactly as the generated code sends them. The proto descriptors
/// are not read: building them (Google.Protobuf reflection over every message) costs tens of milliseconds.
/// </summary>
public sealed class GrpcMethods<[DynamicallyAccessedMembers(GrpcServices.ServiceMembers)] TService>
    where TService : class
{
    private static readonly List<object> NoMetadata = [];

    private readonly ServiceMethodProviderContext<TService> _context;
    private readonly string _serviceName;

    internal GrpcMethods(ServiceMethodProviderContext<TService> context, string serviceName)
    {
        _context = context;
        _serviceName = serviceName;
    }

    public void Unary<TRequest, TResponse>(string name, UnaryServerMethod<TRequest, TResponse> handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        ArgumentNullException.ThrowIfNull(handler);
        _context.AddUnaryMethod(Describe<TRequest, TResponse>(MethodType.Unary, name), NoMetadata, (_, request, call) => handler(request, call));
    }

    public void ServerStreaming<TRequest, TResponse>(string name, ServerStreamingServerMethod<TRequest, TResponse> handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        ArgumentNullException.ThrowIfNull(handler);
        _context.AddServerStreamingMethod(
            Describe<TRequest, TResponse>(MethodType.ServerStreaming, name), NoMetadata, (_, request, responses, call) => handler(request, responses, call));
    }

    private Method<TRequest, TResponse> Describe<TRequest, TResponse>(MethodType type, string name)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new Method<TRequest, TResponse>(type, _serviceName, name, Marshal<TRequest>(), Marshal<TResponse>());
    }

    /// <summary>What Grpc.Tools generates for a message: serialize straight into the buffer writer, parse from
    /// the payload sequence.</summary>
    private static Marshaller<T> Marshal<T>()
        where T : class, IMessage<T>, new()
    {
        var parser = new MessageParser<T>(() => new T());
        return Marshallers.Create(
            (message, context) =>
            {
                context.SetPayloadLength(message.CalculateSize());
                message.WriteTo(context.GetBufferWriter());
                context.Complete();
            },
            context => parser.ParseFrom(context.PayloadAsReadOnlySequence()));
    }
}
