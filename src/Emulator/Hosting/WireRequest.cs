using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using PodIdentity.Emulator.Auth;

namespace PodIdentity.Emulator.Hosting;

/// <summary>Reads a request as it was on the wire: raw target, headers and a size-capped body.</summary>
internal static class WireRequest
{
    public static (string RawPath, string RawQuery) Target(HttpContext http)
    {
        var raw = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? http.Request.Path.Value ?? "/";
        var q = raw.IndexOf('?');
        return q < 0 ? (raw, "") : (raw[..q], raw[(q + 1)..]);
    }

    /// <summary>The body, or null when it is larger than <paramref name="limit"/>.</summary>
    public static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int limit)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }
        using var buffer = new MemoryStream(request.ContentLength is { } n ? (int)n : 0);
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    public static SignedRequest ToSigned(HttpContext http, string rawPath, string rawQuery, byte[] body)
    {
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, values) in http.Request.Headers)
        {
            headers[name.ToLowerInvariant()] = string.Join(',', values.ToArray());
        }
        return new SignedRequest(http.Request.Method, rawPath, rawQuery, headers, body);
    }

    /// <summary>Decoded query parameters; a name may repeat (tagKeys=a&amp;tagKeys=b).</summary>
    public static Dictionary<string, List<string>> Query(string rawQuery)
    {
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var part in rawQuery.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=');
            var key = Uri.UnescapeDataString(eq < 0 ? part : part[..eq]);
            var value = eq < 0 ? "" : Uri.UnescapeDataString(part[(eq + 1)..]);
            if (!result.TryGetValue(key, out var list))
            {
                result[key] = list = [];
            }
            list.Add(value);
        }
        return result;
    }

    /// <summary>Path segments split on '/' first and then decoded, so an encoded '/' stays inside its segment.</summary>
    public static List<string> Segments(string rawPath) =>
        rawPath.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToList();
}
