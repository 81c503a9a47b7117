using System.Globalization;
using System.Text.Json;

namespace PodIdentity.Aws.Clients;

/// <summary>
/// The one JSON shape container endpoints, instance metadata and credential_process print: AccessKeyId,
/// SecretAccessKey, Token (SessionToken for processes), Expiration (RFC 3339).
/// </summary>
internal static class CredentialJson
{
    public static AwsCredentialSet Read(ReadOnlySpan<byte> json, string source)
    {
        try
        {
            using var doc = JsonDocument.Parse(json.ToArray());
            var root = doc.RootElement;
            string? Text(string name) =>
                root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
                    ? v.GetString()
                    : null;

            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("Version", out var version)
                && (version.ValueKind != JsonValueKind.Number || version.GetInt32() != 1))
            {
                throw new AwsCredentialsException($"{source} printed credentials of Version {version}; only Version 1 is supported.");
            }

            var accessKey = Text("AccessKeyId");
            var secret = Text("SecretAccessKey");
            if (string.IsNullOrEmpty(accessKey) || string.IsNullOrEmpty(secret))
            {
                // Instance metadata and container endpoints explain refusals in Code/Message; neither is secret.
                var why = Text("Message") ?? Text("message") ?? Text("Code");
                throw new AwsCredentialsException($"{source} returned no AccessKeyId and SecretAccessKey" + (why is null ? "." : $": {why}"));
            }

            DateTimeOffset? expiration = Text("Expiration") is { } e
                ? DateTimeOffset.Parse(e, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)
                : null;
            return new AwsCredentialSet(accessKey, secret, Text("Token") ?? Text("SessionToken"), expiration, source);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            // The parser's message quotes no values.
            throw new AwsCredentialsException($"{source} returned credentials that are not valid JSON: {e.Message}", e);
        }
    }
}
