namespace PodIdentity.Plugin.Hosting;

/// <summary>What the host needs from the provider executable.</summary>
public sealed class PluginHostOptions
{
    /// <summary>Provider source address, e.g. <c>registry.terraform.io/podidentity/aws</c> or <c>podidentity/aws</c>.
    /// Used for the debug-mode reattach line.</summary>
    public required string ProviderAddress { get; init; }

    /// <summary>Adds the provider's gRPC services (the host adds controller, health and stdio itself). Runs on a
    /// thread of its own at start-up; an exception here ends the process before the handshake line.</summary>
    public required Action<GrpcServices> Register { get; init; }

    /// <summary>Listen on loopback TCP inside PLUGIN_MIN_PORT..PLUGIN_MAX_PORT instead of a unix socket.
    /// The environment variable <c>PODIDENTITY_PLUGIN_TRANSPORT=tcp</c> selects TCP as well.</summary>
    public bool UseTcp { get; init; }
}
