namespace PodIdentity.Aws.Clients;

internal static class Redaction
{
    public static string? Mark(string? secret) => secret is null ? null : "(redacted)";
}
