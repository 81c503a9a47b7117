using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace PodIdentity.Plugin.Hosting;

/// <summary>The provider's gRPC services, each an instance of a class derived from a base that Grpc.Tools
/// generated (<c>GrpcServices="Server"</c>). The host serves them next to go-plugin's own services.</summary>
public sealed class GrpcServices
{
    private readonly IServiceCollection _services;
    private readonly List<Action<IEndpointRouteBuilder>> _maps = [];

    internal GrpcServices(IServiceCollection services)
    {
        _services = services;
    }

    /// <summary>Serves every method of <typeparamref name="TService"/> with this one instance (calls may overlap).</summary>
    public void Add<[DynamicallyAccessedMembers(ServiceMembers)] TService>(TService service)
        where TService : class
    {
        ArgumentNullException.ThrowIfNull(service);
        _services.AddSingleton(service);
        _maps.Add(endpoints => endpoints.MapGrpcService<TService>());
    }

    /// <summary>What Grpc.AspNetCore reads from a service type (its binder finds the overridden methods).</summary>
    internal const DynamicallyAccessedMemberTypes ServiceMembers =
        DynamicallyAccessedMemberTypes.PublicConstructors | DynamicallyAccessedMemberTypes.PublicMethods | DynamicallyAccessedMemberTypes.NonPublicMethods;

    internal ServiceProvider BuildServiceProvider() => _services.BuildServiceProvider();

    internal void Map(IEndpointRouteBuilder endpoints)
    {
        foreach (var map in _maps)
        {
            map(endpoints);
        }
    }
}
