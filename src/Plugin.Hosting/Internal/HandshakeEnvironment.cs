namespace PodIdentity.Plugin.Hosting.Internal;

/// <summary>The environment go-plugin sets when Terraform starts a provider.</summary>
internal static class HandshakeEnvironment
{
    public const string MagicCookieKey = "TF_PLUGIN_MAGIC_COOKIE";
    public const string MagicCookieValue = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";
    public const string ProtocolVersionsKey = "PLUGIN_PROTOCOL_VERSIONS";
    public const string ClientCertKey = "PLUGIN_CLIENT_CERT";
    public const string MinPortKey = "PLUGIN_MIN_PORT";
    public const string MaxPortKey = "PLUGIN_MAX_PORT";
    public const string UnixSocketDirKey = "PLUGIN_UNIX_SOCKET_DIR";
    public const string TransportKey = "PODIDENTITY_PLUGIN_TRANSPORT";

    public const int CoreProtocolVersion = 1;
    public const int AppProtocolVersion = 6;

    /// <summary>Null when Terraform started us properly; otherwise the explanation for stderr.</summary>
    public static string? Check(Func<string, string?> getEnv)
    {
        if (getEnv(MagicCookieKey) != MagicCookieValue)
        {
            return "terraform-provider-aws is a Terraform provider plugin: Terraform starts it, not a person.\n"
                + "Run a Terraform command in a configuration that uses the provider instead,\n"
                + "or start it with --debug to serve a debug session for TF_REATTACH_PROVIDERS.\n";
        }

        var versions = getEnv(ProtocolVersionsKey);
        if (!OffersVersion(versions, AppProtocolVersion))
        {
            return $"Terraform offered plugin protocol versions \"{versions}\", but this provider speaks only "
                + $"protocol {AppProtocolVersion}. Use Terraform 1.0 or later.\n";
        }

        return null;
    }

    public static bool OffersVersion(string? list, int version)
    {
        if (string.IsNullOrEmpty(list))
        {
            return false;
        }

        foreach (var part in list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (int.TryParse(part, System.Globalization.NumberStyles.None, null, out var offered) && offered == version)
            {
                return true;
            }
        }

        return false;
    }
}
