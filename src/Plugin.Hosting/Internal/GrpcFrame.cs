using System.Buffers;
using System.Buffers.Binary;

namespace PodIdentity.Plugin.Hosting.Internal;

/// <summary>Outcome of parsing a request body that must hold exactly one message.</summary>
internal readonly record struct FrameParseResult(GrpcStatusCode Status, string? Error, ReadOnlySequence<byte> Payload)
{
    public bool IsOk => Status == GrpcStatusCode.OK;

    public static FrameParseResult Fail(GrpcStatusCode status, string error) => new(status, error, default);
}

/// <summary>Length-prefixed message framing.</summary>
internal static class GrpcFrame
{
    /// <summary>Checks the frame header as soon as it is available, so an oversized or compressed message is
    /// refused before its body is buffered. Returns null when the header looks fine (or is not complete yet).</summary>
    public static FrameParseResult? CheckHeader(ReadOnlySequence<byte> body, int maxMessageSize)
    {
        if (body.Length < GrpcProtocol.FrameHeaderSize)
        {
            return null;
        }

        Span<byte> header = stackalloc byte[GrpcProtocol.FrameHeaderSize];
        body.Slice(0, GrpcProtocol.FrameHeaderSize).CopyTo(header);
        var flag = header[0];
        var length = BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
        if (flag == 1)
        {
            // We advertise identity only, so a compressed message is a client bug.
            return FrameParseResult.Fail(GrpcStatusCode.Internal, "compressed message received but no compression was negotiated");
        }

        if (flag != 0)
        {
            return FrameParseResult.Fail(GrpcStatusCode.Internal, $"invalid compressed-flag byte {flag}");
        }

        if (length > (uint)maxMessageSize)
        {
            return FrameParseResult.Fail(
                GrpcStatusCode.ResourceExhausted,
                $"received message larger than max ({length} vs. {maxMessageSize})");
        }

        return null;
    }

    /// <summary>Parses a complete request body that must contain exactly one message.</summary>
    public static FrameParseResult ParseSingle(ReadOnlySequence<byte> body, int maxMessageSize)
    {
        if (body.IsEmpty)
        {
            return FrameParseResult.Fail(GrpcStatusCode.Internal, "request ended without a message");
        }

        if (body.Length < GrpcProtocol.FrameHeaderSize)
        {
            return FrameParseResult.Fail(GrpcStatusCode.Internal, "request ended inside a frame header");
        }

        if (CheckHeader(body, maxMessageSize) is { } headerError)
        {
            return headerError;
        }

        Span<byte> lengthBytes = stackalloc byte[4];
        body.Slice(1, 4).CopyTo(lengthBytes);
        long length = BinaryPrimitives.ReadUInt32BigEndian(lengthBytes);
        var available = body.Length - GrpcProtocol.FrameHeaderSize;
        if (available < length)
        {
            return FrameParseResult.Fail(
                GrpcStatusCode.Internal,
                $"request ended inside a message ({available} of {length} bytes)");
        }

        if (available > length)
        {
            return FrameParseResult.Fail(GrpcStatusCode.Internal, "a unary or server-streaming request must hold exactly one message");
        }

        return new FrameParseResult(GrpcStatusCode.OK, null, body.Slice(GrpcProtocol.FrameHeaderSize, length));
    }

    public static void WriteHeader(Span<byte> destination, int length)
    {
        destination[0] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(destination[1..], (uint)length);
    }
}
