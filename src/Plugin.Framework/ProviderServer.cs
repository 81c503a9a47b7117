using PodIdentity.Plugin.Framework.Internal;
using PodIdentity.Plugin.Hosting;

namespace PodIdentity.Plugin.Framework;

/// <summary>Serves an <see cref="IProvider"/> as the tfplugin6 Provider service.</summary>
public static class ProviderServer
{
    /// <summary>Adds the tfplugin6 Provider service to <paramref name="services"/>. Checks all schemas (throws if one is malformed).</summary>
    public static void Register(GrpcServices services, IProvider provider)
    {
        ArgumentNullException.ThrowIfNull(services);
        var service = new ProviderGrpcService(new ProviderService(provider));
        services.Add(service, "tfplugin6.Provider", service.Map);
    }

    /// <summary>The whole provider process: handshake, serve until Terraform shuts it down. Returns the exit code.</summary>
    public static Task<int> RunAsync(string[] args, string providerAddress, IProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        return PluginHost.RunAsync(args, new PluginHostOptions
        {
            ProviderAddress = providerAddress,
            Register = services => Register(services, provider),
        });
    }
}
