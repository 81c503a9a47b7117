namespace PodIdentity.Protocol.Compatibility.GoPlugin;

/// <summary>What one client release does when it starts a plugin: its go-plugin parsing and the protocol versions it
/// offers. (Whether its grpc-go insists on ALPN h2 needs no switch: this client always does, see PluginProcess.)</summary>
public sealed record PluginLaunch(HandshakeParsing Parsing, IReadOnlyList<int> OfferedVersions)
{
    /// <summary>Terraform's and OpenTofu's handshake config (internal/plugin6/serve.go).</summary>
    public const string MagicCookieKey = "TF_PLUGIN_MAGIC_COOKIE";

    public const string MagicCookieValue = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";

    /// <summary>How long go-plugin waits for the process to exit after GRPCController.Shutdown before killing it.</summary>
    public static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(2);
}
