namespace PodIdentity.Plugin.Hosting;

/// <summary>Thrown by a handler to end the call with a non-OK gRPC status.</summary>
public sealed class GrpcStatusException : Exception
{
    public GrpcStatusException(GrpcStatusCode statusCode, string message)
        : base(message)
    {
        StatusCode = statusCode;
    }

    public GrpcStatusCode StatusCode { get; }
}
