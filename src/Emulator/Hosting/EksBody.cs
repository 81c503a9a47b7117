using System.Text.Json;
using System.Text.Json.Nodes;
using PodIdentity.Emulator.Auth;
using PodIdentity.Emulator.Eks;
using PodIdentity.Emulator.Protocol;

namespace PodIdentity.Emulator.Hosting;

/// <summary>Parses a rest-json body; malformed JSON is the operation's own client error.</summary>
internal static class EksBody
{
    public static JsonObject Parse(SignedRequest request, EksRoute route)
    {
        if (request.Body.IsEmpty || request.Method is "GET" or "DELETE")
        {
            return [];
        }
        try
        {
            return JsonNode.Parse(request.Body.Span) as JsonObject ?? throw Malformed(route);
        }
        catch (JsonException)
        {
            throw Malformed(route);
        }
    }

    private static AwsError Malformed(EksRoute route) =>
        new(route.ClientErrorCode, 400, "The request body is not a valid JSON object.");
}
