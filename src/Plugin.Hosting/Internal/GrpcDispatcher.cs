using System.Diagnostics;
using System.IO.Pipelines;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;

namespace PodIdentity.Plugin.Hosting.Internal;

/// <summary>Serves one HTTP/2 request as a gRPC call: routing, framing, deadlines and status.</summary>
internal sealed class GrpcDispatcher(IReadOnlyDictionary<string, GrpcMethod> methods, CancellationToken shutdown, Task? ready = null)
{
    public int MaxMessageSize { get; init; } = GrpcProtocol.MaxMessageSize;

    public async Task HandleAsync(HttpContext http)
    {
        var request = http.Request;
        var response = http.Response;

        if (!HttpMethods.IsPost(request.Method))
        {
            response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }

        if (!IsGrpcContentType(request.ContentType))
        {
            response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return;
        }

        response.ContentType = GrpcProtocol.ContentType;
        response.Headers[GrpcProtocol.AcceptEncodingHeader] = GrpcProtocol.IdentityEncoding;

        if (ready is { IsCompletedSuccessfully: false })
        {
            // Only a client that connects before the handshake line can get here.
            await ready.ConfigureAwait(false);
        }

        var path = request.Path.Value ?? string.Empty;
        if (!methods.TryGetValue(path, out var method))
        {
            Log.Debug("gRPC method not implemented", ("method", path));
            WriteStatus(response, hasMessages: false, GrpcStatusCode.Unimplemented, $"unknown method {path}");
            return;
        }

        var encoding = request.Headers[GrpcProtocol.EncodingHeader].ToString();
        if (encoding.Length > 0 && encoding != GrpcProtocol.IdentityEncoding)
        {
            WriteStatus(response, hasMessages: false, GrpcStatusCode.Unimplemented, $"unsupported grpc-encoding {encoding}");
            return;
        }

        var hasDeadline = GrpcTimeout.TryParse(request.Headers[GrpcProtocol.TimeoutHeader].ToString(), out var timeout);
        using var callCancellation = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, shutdown);
        if (hasDeadline)
        {
            callCancellation.CancelAfter(timeout);
        }

        var started = Stopwatch.GetTimestamp();
        var writer = new GrpcResponseWriter(response, http.RequestAborted);
        var (status, message) = await RunCallAsync(http, method, writer, callCancellation.Token, path).ConfigureAwait(false);
        if (http.RequestAborted.IsCancellationRequested)
        {
            // The client reset the stream: nobody is listening for a status.
            Log.Debug("gRPC call cancelled by the client", ("method", path));
            return;
        }

        if (status != GrpcStatusCode.OK && callCancellation.IsCancellationRequested)
        {
            (status, message) = hasDeadline && !shutdown.IsCancellationRequested
                ? (GrpcStatusCode.DeadlineExceeded, "deadline exceeded")
                : (GrpcStatusCode.Unavailable, "the provider is shutting down");
        }

        WriteStatus(response, writer.HasWrittenMessage, status, message);
        if (Log.IsEnabled(LogLevel.Trace))
        {
            Log.Trace(
                "gRPC call finished",
                ("method", path),
                ("grpc_status", (int)status),
                ("duration_ms", Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 3)));
        }
    }

    private async Task<(GrpcStatusCode Status, string? Message)> RunCallAsync(
        HttpContext http, GrpcMethod method, GrpcResponseWriter writer, CancellationToken token, string path)
    {
        var reader = http.Request.BodyReader;
        try
        {
            var read = await ReadWholeBodyAsync(reader, token).ConfigureAwait(false);
            Task call;
            try
            {
                var frame = GrpcFrame.ParseSingle(read.Buffer, MaxMessageSize);
                if (!frame.IsOk)
                {
                    Log.Debug("rejected gRPC request frame", ("method", path), ("error", frame.Error));
                    return (frame.Status, frame.Error);
                }

                // Parsing happens synchronously inside InvokeAsync, before the buffer is released below.
                call = method.InvokeAsync(frame.Payload, writer, new GrpcCallContext(path, token));
            }
            finally
            {
                reader.AdvanceTo(read.Buffer.End);
            }

            await call.ConfigureAwait(false);
            return (GrpcStatusCode.OK, null);
        }
        catch (InvalidProtocolBufferException ex)
        {
            Log.Debug("could not parse gRPC request message", ("method", path), ("error", ex.Message));
            return (GrpcStatusCode.Internal, $"error parsing request message: {ex.Message}");
        }
        catch (GrpcStatusException ex)
        {
            return (ex.StatusCode, ex.Message);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            return (GrpcStatusCode.Cancelled, "call cancelled");
        }
        catch (Exception) when (http.RequestAborted.IsCancellationRequested)
        {
            // Reading or writing failed because the client went away.
            return (GrpcStatusCode.Cancelled, "call cancelled");
        }
        catch (Exception ex)
        {
            Log.Error("gRPC handler failed", ("method", path), ("error", ex.ToString()));
            return (GrpcStatusCode.Internal, $"{ex.GetType().Name}: {ex.Message}");
        }
    }

    /// <summary>Buffers the request until the client half-closes, refusing early what cannot succeed.</summary>
    private async Task<ReadResult> ReadWholeBodyAsync(PipeReader reader, CancellationToken token)
    {
        while (true)
        {
            var result = await reader.ReadAsync(token).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (result.IsCompleted || result.IsCanceled)
            {
                return result;
            }

            if (GrpcFrame.CheckHeader(buffer, MaxMessageSize) is { } error)
            {
                reader.AdvanceTo(buffer.Start);
                throw new GrpcStatusException(error.Status, error.Error!);
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static void WriteStatus(HttpResponse response, bool hasMessages, GrpcStatusCode status, string? message)
    {
        // Before any message the status goes in the headers ("trailers-only"); afterwards in trailers.
        if (!hasMessages && !response.HasStarted)
        {
            response.Headers[GrpcProtocol.StatusHeader] = ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!string.IsNullOrEmpty(message))
            {
                response.Headers[GrpcProtocol.MessageHeader] = PercentEncoding.Encode(message);
            }

            return;
        }

        response.AppendTrailer(GrpcProtocol.StatusHeader, ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (!string.IsNullOrEmpty(message))
        {
            response.AppendTrailer(GrpcProtocol.MessageHeader, PercentEncoding.Encode(message));
        }
    }

    private static bool IsGrpcContentType(string? contentType) =>
        contentType is not null
        && contentType.StartsWith(GrpcProtocol.ContentType, StringComparison.OrdinalIgnoreCase)
        && (contentType.Length == GrpcProtocol.ContentType.Length
            || contentType[GrpcProtocol.ContentType.Length] is '+' or ';');
}
