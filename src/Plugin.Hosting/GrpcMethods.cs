using System.Diagnostics.CodeAnalysis;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace PodIdentity.Plugin.Hosting;

/// <summary>
/// The methods of one proto service, registered one call each with their message types spelled out, e.g.
/// <c>methods.Unary&lt;GetMetadata.Types.Request, GetMetadata.Types.Response&gt;("GetMetadata", service.GetMetadata)</c>.
/// Each call is checked against the service's descriptor (name, message types, streaming), so a wrong line fails
/// at start-up, before the handshake. Messages go over the wire exactly as the generated code sends them.
/// </summary>
public sealed class GrpcMethods<[DynamicallyAccessedMembers(GrpcServices.ServiceMembers)] TService>
    where TService : class
{
    private static readonly List<object> NoMetadata = [];

    private readonly ServiceMethodProviderContext<TService> _context;
    private readonly ServiceDescriptor _descriptor;

    internal GrpcMethods(ServiceMethodProviderContext<TService> context, ServiceDescriptor descriptor)
    {
        _context = context;
        _descriptor = descriptor;
    }

    public void Unary<TRequest, TResponse>(string name, UnaryServerMethod<TRequest, TResponse> handler)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        ArgumentNullException.ThrowIfNull(handler);
        var method = Describe<TRequest, TResponse>(name, MethodType.Unary);
        _context.AddUnaryMethod(method, NoMetadata, (_, request, call) => handler(request, call));
    }

    public void ServerStreaming<TRequest, TResponse>(string name, ServerStreamingServerMethod<TRequest, TResponse> handler)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        ArgumentNullException.ThrowIfNull(handler);
        var method = Describe<TRequest, TResponse>(name, MethodType.ServerStreaming);
        _context.AddServerStreamingMethod(method, NoMetadata, (_, request, responses, call) => handler(request, responses, call));
    }

    private Method<TRequest, TResponse> Describe<TRequest, TResponse>(string name, MethodType type)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        var proto = _descriptor.FindMethodByName(name)
            ?? throw new InvalidOperationException($"{_descriptor.FullName} has no method {name}.");
        var protoType = (proto.IsClientStreaming, proto.IsServerStreaming) switch
        {
            (false, false) => MethodType.Unary,
            (false, true) => MethodType.ServerStreaming,
            (true, false) => MethodType.ClientStreaming,
            _ => MethodType.DuplexStreaming,
        };
        if (protoType != type || proto.InputType.ClrType != typeof(TRequest) || proto.OutputType.ClrType != typeof(TResponse))
        {
            throw new InvalidOperationException(
                $"{_descriptor.FullName}.{name} is {protoType} {proto.InputType.ClrType} -> {proto.OutputType.ClrType}, " +
                $"not {type} {typeof(TRequest)} -> {typeof(TResponse)}.");
        }

        return new Method<TRequest, TResponse>(
            type,
            _descriptor.FullName,
            name,
            Marshal((MessageParser<TRequest>)proto.InputType.Parser),
            Marshal((MessageParser<TResponse>)proto.OutputType.Parser));
    }

    /// <summary>What Grpc.Tools generates for a message: serialize straight into the buffer writer, parse from
    /// the payload sequence.</summary>
    private static Marshaller<T> Marshal<T>(MessageParser<T> parser)
        where T : class, IMessage<T> =>
        Marshallers.Create(
            (message, context) =>
            {
                context.SetPayloadLength(message.CalculateSize());
                message.WriteTo(context.GetBufferWriter());
                context.Complete();
            },
            context => parser.ParseFrom(context.PayloadAsReadOnlySequence()));
}
