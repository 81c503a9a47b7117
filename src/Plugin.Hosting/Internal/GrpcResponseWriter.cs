using Google.Protobuf;
using Microsoft.AspNetCore.Http;

namespace PodIdentity.Plugin.Hosting.Internal;

/// <summary>Frames response messages onto the HTTP/2 response body.</summary>
internal sealed class GrpcResponseWriter(HttpResponse response, CancellationToken requestAborted)
{
    /// <summary>True once a message was sent, so the status must go in trailers.</summary>
    public bool HasWrittenMessage { get; private set; }

    public async Task WriteMessageAsync(IMessage message)
    {
        var size = message.CalculateSize();
        if (size > GrpcProtocol.MaxMessageSize)
        {
            throw new GrpcStatusException(
                GrpcStatusCode.ResourceExhausted,
                $"response message larger than max ({size} vs. {GrpcProtocol.MaxMessageSize})");
        }

        var body = response.BodyWriter;
        GrpcFrame.WriteHeader(body.GetSpan(GrpcProtocol.FrameHeaderSize), size);
        body.Advance(GrpcProtocol.FrameHeaderSize);
        message.WriteTo(body);
        HasWrittenMessage = true;

        // Written with the request's own token: host shutdown cancels handlers, not replies already produced.
        await body.FlushAsync(requestAborted).ConfigureAwait(false);
    }
}
