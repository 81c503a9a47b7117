namespace PodIdentity.Plugin.Logging.Internal;

/// <summary>Decides from a field or header name whether its value must never be logged.</summary>
internal static class SecretKeys
{
    // Matched against the lower-cased name with '-', '_', '.' and spaces removed.
    private static readonly string[] Fragments =
    [
        "secret", "token", "password", "passwd", "passphrase", "authorization", "credential",
        "apikey", "privatekey", "cookie", "sessionkey",
    ];

    public static bool IsSecret(string key)
    {
        if (string.IsNullOrEmpty(key))
        {
            return false;
        }

        Span<char> normalized = key.Length <= 256 ? stackalloc char[key.Length] : new char[key.Length];
        var length = 0;
        foreach (var c in key)
        {
            if (c is '-' or '_' or '.' or ' ')
            {
                continue;
            }

            normalized[length++] = char.ToLowerInvariant(c);
        }

        var span = normalized[..length];
        foreach (var fragment in Fragments)
        {
            if (span.Contains(fragment, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
