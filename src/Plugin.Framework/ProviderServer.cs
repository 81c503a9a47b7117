using PodIdentity.Plugin.Framework.Internal;
using PodIdentity.Plugin.Hosting;

namespace PodIdentity.Plugin.Framework;

/// <summary>Serves an <see cref="IProvider"/> as the tfplugin6 Provider service.</summary>
public static class ProviderServer
{
    /// <summary>Adds every tfplugin6 RPC to <paramref name="registry"/>. Checks all schemas (throws if one is malformed).</summary>
    public static void Register(GrpcServiceRegistry registry, IProvider provider)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ServiceRegistration.Register(registry, new ProviderService(provider));
    }

    /// <summary>The whole provider process: handshake, serve until Terraform shuts it down. Returns the exit code.</summary>
    public static Task<int> RunAsync(string[] args, string providerAddress, IProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        return PluginHost.RunAsync(args, new PluginHostOptions
        {
            ProviderAddress = providerAddress,
            Register = registry => Register(registry, provider),
        });
    }
}
