using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace PodIdentity.Emulator.Protocol;

/// <summary>Writes rest-json answers: a JSON body, and for errors the x-amzn-ErrorType header the SDKs read.</summary>
internal static class EksJsonResponse
{
    // AWS writes '+', '<', '&' and non-ASCII as they are; only what JSON requires is escaped.
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task WriteAsync(HttpResponse response, JsonNode body, int status = 200)
    {
        response.StatusCode = status;
        response.ContentType = "application/json";
        var bytes = System.Text.Encoding.UTF8.GetBytes(body.ToJsonString(Options));
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes);
    }

    public static Task WriteErrorAsync(HttpResponse response, AwsError error)
    {
        response.Headers["x-amzn-ErrorType"] = error.Code;
        return WriteAsync(response, new JsonObject { ["message"] = error.Message }, error.Status);
    }

    /// <summary>EKS timestamps are epoch seconds, with milliseconds as a fraction.</summary>
    public static JsonNode Timestamp(DateTimeOffset t) =>
        JsonValue.Create(decimal.Round(t.ToUnixTimeMilliseconds() / 1000m, 3))!;
}
