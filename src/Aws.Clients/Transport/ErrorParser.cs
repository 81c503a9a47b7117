using System.Net.Http.Headers;
using System.Text.Json;
using System.Xml.Linq;

namespace PodIdentity.Aws.Clients;

/// <summary>Extracts error code, message and request id from rest-json and query (XML) error responses.</summary>
internal static class ErrorParser
{
    public readonly record struct ParsedError(string? Code, string? Message, string? RequestId);

    public static string? RequestId(HttpResponseHeaders headers) =>
        First(headers, "x-amzn-RequestId") ?? First(headers, "x-amz-request-id");

    public static ParsedError ParseJson(HttpResponseHeaders headers, ReadOnlySpan<byte> body)
    {
        string? code = First(headers, "x-amzn-ErrorType");
        string? message = null;
        if (!body.IsEmpty)
        {
            try
            {
                var reader = new Utf8JsonReader(body);
                using var doc = JsonDocument.ParseValue(ref reader);
                if (doc.RootElement.ValueKind == JsonValueKind.Object)
                {
                    foreach (var p in doc.RootElement.EnumerateObject())
                    {
                        if (p.Value.ValueKind != JsonValueKind.String)
                        {
                            continue;
                        }

                        if (code is null && (p.NameEquals("__type") || p.NameEquals("code") || p.NameEquals("Code")))
                        {
                            code = p.Value.GetString();
                        }
                        else if (message is null && (p.NameEquals("message") || p.NameEquals("Message")))
                        {
                            message = p.Value.GetString();
                        }
                    }
                }
            }
            catch (JsonException)
            {
                // A non-JSON error body (e.g. from a proxy) still leaves the status to go by.
            }
        }

        return new ParsedError(SanitizeCode(code), message, RequestId(headers));
    }

    public static ParsedError ParseXml(HttpResponseHeaders headers, string body)
    {
        string? code = null, message = null, requestId = null;
        try
        {
            var doc = XDocument.Parse(body);
            foreach (var e in doc.Descendants())
            {
                switch (e.Name.LocalName)
                {
                    case "Code" when code is null:
                        code = e.Value;
                        break;
                    case "Message" when message is null:
                        message = e.Value;
                        break;
                    case "RequestId" or "RequestID" when requestId is null:
                        requestId = e.Value;
                        break;
                }
            }
        }
        catch (System.Xml.XmlException)
        {
            // Not XML: fall back to the status code.
        }

        return new ParsedError(SanitizeCode(code), message, requestId ?? RequestId(headers));
    }

    /// <summary>
    /// <c>aws.protocoltests#FooError:http://internal.amazon.com/...</c> becomes <c>FooError</c>: the part after the
    /// last <c>#</c> and before the first <c>:</c>.
    /// </summary>
    public static string? SanitizeCode(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }

        var colon = code.IndexOf(':');
        if (colon >= 0)
        {
            code = code[..colon];
        }

        var hash = code.LastIndexOf('#');
        if (hash >= 0)
        {
            code = code[(hash + 1)..];
        }

        code = code.Trim();
        return code.Length == 0 ? null : code;
    }

    public static string FallbackCode(int status) => status switch
    {
        400 => "BadRequest",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "NotFound",
        429 => "TooManyRequests",
        >= 500 => "InternalFailure",
        _ => $"Http{status}",
    };

    private static string? First(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
