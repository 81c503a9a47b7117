namespace PodIdentity.Plugin.Hosting.Internal;

/// <summary>gRPC-over-HTTP/2 wire constants.</summary>
internal static class GrpcProtocol
{
    public const string ContentType = "application/grpc";
    public const string StatusHeader = "grpc-status";
    public const string MessageHeader = "grpc-message";
    public const string EncodingHeader = "grpc-encoding";
    public const string AcceptEncodingHeader = "grpc-accept-encoding";
    public const string TimeoutHeader = "grpc-timeout";
    public const string IdentityEncoding = "identity";

    /// <summary>Compressed flag (1 byte) + big-endian length (4 bytes).</summary>
    public const int FrameHeaderSize = 5;

    /// <summary>terraform-plugin-go caps messages at 256 MiB; states can be large.</summary>
    public const int MaxMessageSize = 256 * 1024 * 1024;
}
