using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace PodIdentity.Aws.Clients;

/// <summary>Signs, sends and retries API calls over one shared HttpClient.</summary>
internal sealed class AwsTransport
{
    private readonly HttpClient _http;
    private readonly RetryPolicy _retry;
    private readonly TimeProvider _time;
    private readonly Func<TimeSpan, CancellationToken, Task> _delay;
    private readonly Action<AwsCallInfo>? _onCall;
    private readonly string _userAgent;
    private long _throttledUntilTicks;

    public AwsTransport(HttpClient http, RetryPolicy retry, TimeProvider time, Func<TimeSpan, CancellationToken, Task> delay,
        Action<AwsCallInfo>? onCall, string userAgent)
    {
        _http = http;
        _retry = retry;
        _time = time;
        _delay = delay;
        _onCall = onCall;
        _userAgent = userAgent;
    }

    public async Task<AwsHttpResponse> SendAsync(AwsHttpRequest request, ServiceEndpoint endpoint, CredentialSource? credentials,
        AwsProtocol protocol, string service, string operation, CancellationToken cancellationToken)
    {
        var invocationId = Guid.NewGuid().ToString();
        var maxAttempts = _retry.MaxRetries + 1;
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await WaitForAdaptiveSlotAsync(cancellationToken).ConfigureAwait(false);

            using var message = await BuildAsync(request, endpoint, credentials, invocationId, attempt, maxAttempts, cancellationToken)
                .ConfigureAwait(false);
            var started = Stopwatch.GetTimestamp();
            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (IsTransportFailure(e, cancellationToken))
            {
                // A certificate the client refuses will be refused again; retrying only delays the error.
                var retry = attempt < maxAttempts && e.InnerException is not System.Security.Authentication.AuthenticationException;
                Report(service, operation, attempt, null, started, null, e is HttpRequestException ? "ConnectionError" : "Timeout", retry);
                if (!retry)
                {
                    throw new HttpRequestException($"{service} {operation}: {Describe(e)} after {attempt} attempt(s).", e);
                }

                await _delay(_retry.Backoff(attempt), cancellationToken).ConfigureAwait(false);
                continue;
            }

            using (response)
            {
                var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
                var status = (int)response.StatusCode;
                if (response.IsSuccessStatusCode)
                {
                    var requestId = ErrorParser.RequestId(response.Headers);
                    Report(service, operation, attempt, status, started, requestId, null, false);
                    return new AwsHttpResponse(status, body, requestId);
                }

                var error = protocol == AwsProtocol.Query
                    ? ErrorParser.ParseXml(response.Headers, Encoding.UTF8.GetString(body))
                    : ErrorParser.ParseJson(response.Headers, body);
                var code = error.Code ?? ErrorParser.FallbackCode(status);
                var willRetry = attempt < maxAttempts && RetryPolicy.IsRetryableResponse(status, code);
                Report(service, operation, attempt, status, started, error.RequestId, code, willRetry);
                var wait = RetryPolicy.RetryAfter(response.Headers.RetryAfter, _time.GetUtcNow()) ?? _retry.Backoff(attempt);
                if (_retry.Adaptive && (status == 429 || AwsApiException.IsThrottlingCode(code)))
                {
                    // Every caller holds back, not just this one: that is what distinguishes adaptive mode.
                    Interlocked.Exchange(ref _throttledUntilTicks, (_time.GetUtcNow() + wait).UtcTicks);
                }

                if (!willRetry)
                {
                    throw new AwsApiException(service, operation, status, code, error.Message, error.RequestId);
                }

                await _delay(wait, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<HttpRequestMessage> BuildAsync(AwsHttpRequest request, ServiceEndpoint endpoint, CredentialSource? credentials,
        string invocationId, int attempt, int maxAttempts, CancellationToken cancellationToken)
    {
        var basePath = endpoint.BaseUri.AbsolutePath.TrimEnd('/');
        var uri = new Uri(endpoint.BaseUri.GetLeftPart(UriPartial.Authority) + basePath + request.PathAndQuery);
        var message = new HttpRequestMessage(request.Method, uri);
        if (request.Body.Length > 0 || request.ContentType is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
            if (request.ContentType is not null)
            {
                message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(request.ContentType);
            }
        }

        message.Headers.TryAddWithoutValidation("User-Agent", _userAgent);
        message.Headers.TryAddWithoutValidation("amz-sdk-invocation-id", invocationId);
        message.Headers.TryAddWithoutValidation("amz-sdk-request", $"attempt={attempt}; max={maxAttempts}");
        foreach (var (name, value) in request.Headers ?? [])
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        if (credentials is not null)
        {
            var creds = await credentials.GetAsync(cancellationToken).ConfigureAwait(false);
            SigV4Signer.Sign(message, request.Body, creds, endpoint.SigningRegion, endpoint.SigningName, _time.GetUtcNow().UtcDateTime);
        }

        return message;
    }

    private async Task WaitForAdaptiveSlotAsync(CancellationToken cancellationToken)
    {
        if (!_retry.Adaptive)
        {
            return;
        }

        var until = new DateTimeOffset(Interlocked.Read(ref _throttledUntilTicks), TimeSpan.Zero);
        var wait = until - _time.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await _delay(wait, cancellationToken).ConfigureAwait(false);
        }
    }

    private void Report(string service, string operation, int attempt, int? status, long started, string? requestId, string? code, bool retry) =>
        _onCall?.Invoke(new AwsCallInfo(service, operation, attempt, status, Stopwatch.GetElapsedTime(started), requestId, code, retry));

    // A caller's cancellation is not a transport failure; HttpClient's own timeout is.
    private static bool IsTransportFailure(Exception e, CancellationToken cancellationToken) =>
        e is HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    private static string Describe(Exception e) => e is HttpRequestException ? e.Message : "request timed out";
}
