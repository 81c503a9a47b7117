using Microsoft.Extensions.Logging;

namespace PodIdentity.Plugin.Hosting.Internal;

/// <summary>The few services Kestrel asks for, without a DI container (start-up time matters).</summary>
internal sealed class MinimalServices(ILoggerFactory loggerFactory) : IServiceProvider
{
    public object? GetService(Type serviceType) =>
        serviceType == typeof(ILoggerFactory) ? loggerFactory : null;
}
