using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PodIdentity.TestSupport;

/// <summary>
/// An independent SigV4 signer for the tests, written from the AWS documentation (not from the emulator's
/// verifier). The get-vanilla test checks it against AWS's published example.
/// </summary>
public static class TestSigner
{
    public static void Sign(HttpRequestMessage request, byte[] body, string accessKeyId, string secret, string region,
        string service, DateTimeOffset at, string? sessionToken = null)
    {
        var amzDate = at.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var date = amzDate[..8];
        var uri = request.RequestUri!;
        var host = uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}";
        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["host"] = host,
            ["x-amz-date"] = amzDate,
        };
        if (sessionToken is not null)
        {
            headers["x-amz-security-token"] = sessionToken;
        }
        var payloadHash = Hex(SHA256.HashData(body));
        var canonical = string.Join('\n',
            request.Method.Method,
            CanonicalUri(uri.AbsolutePath),
            CanonicalQuery(uri.Query.TrimStart('?')),
            string.Concat(headers.Select(h => $"{h.Key}:{h.Value.Trim()}\n")),
            string.Join(';', headers.Keys),
            payloadHash);
        var scope = $"{date}/{region}/{service}/aws4_request";
        var stringToSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))}";
        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + secret), date);
        key = Hmac(Hmac(Hmac(key, region), service), "aws4_request");
        var signature = Hex(Hmac(key, stringToSign));

        request.Headers.TryAddWithoutValidation("X-Amz-Date", amzDate);
        if (sessionToken is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Amz-Security-Token", sessionToken);
        }
        request.Headers.TryAddWithoutValidation("Authorization",
            $"AWS4-HMAC-SHA256 Credential={accessKeyId}/{scope}, SignedHeaders={string.Join(';', headers.Keys)}, Signature={signature}");
    }

    /// <summary>Each already-encoded path segment is encoded once more (non-S3 services).</summary>
    public static string CanonicalUri(string encodedPath) =>
        string.Join('/', encodedPath.Split('/').Select(Escape));

    private static string CanonicalQuery(string query) =>
        string.Join('&', query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Select(p => (K: Escape(Uri.UnescapeDataString(p[0])), V: Escape(Uri.UnescapeDataString(p.Length > 1 ? p[1] : ""))))
            .OrderBy(p => p.K, StringComparer.Ordinal).ThenBy(p => p.V, StringComparer.Ordinal)
            .Select(p => $"{p.K}={p.V}"));

    private static string Escape(string s) => Uri.EscapeDataString(s);

    private static string Hex(byte[] b) => Convert.ToHexString(b).ToLowerInvariant();

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));
}
