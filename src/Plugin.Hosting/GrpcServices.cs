using System.Diagnostics.CodeAnalysis;
using Grpc.AspNetCore.Server.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

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

    /// <summary>Serves the methods of the proto service <paramref name="serviceName"/> (full name, e.g.
    /// <c>tfplugin6.Provider</c>) that <paramref name="methods"/> lists, each with this one instance (calls may
    /// overlap). A method it leaves out is UNIMPLEMENTED, as a method the generated base does not override.</summary>
    public void Add<[DynamicallyAccessedMembers(ServiceMembers)] TService>(
        TService service, string serviceName, Action<GrpcMethods<TService>> methods)
        where TService : class
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentException.ThrowIfNullOrEmpty(serviceName);
        ArgumentNullException.ThrowIfNull(methods);
        _services.AddSingleton(service);
        _services.AddSingleton<IServiceMethodProvider<TService>>(new MethodList<TService>(serviceName, methods));
        _maps.Add(endpoints => endpoints.MapGrpcService<TService>());
    }

    /// <summary>What Grpc.AspNetCore reads from a service type (MapGrpcService's trim annotation).</summary>
    internal const DynamicallyAccessedMemberTypes ServiceMembers =
        DynamicallyAccessedMemberTypes.PublicConstructors | DynamicallyAccessedMemberTypes.PublicMethods | DynamicallyAccessedMemberTypes.NonPublicMethods;

    /// <summary>Grpc.AspNetCore's own method discovery (BinderServiceMethodProvider) calls the generated
    /// BindService, whose every method is a generic virtual call: under NativeAOT the runtime type loader builds
    /// each instantiation on first use, ~40-50 ms of CPU for tfplugin6's 34 methods in every process
    /// (bench/handshake/RESULTS.md). It is removed; <see cref="GrpcMethods{TService}"/> registers the same
    /// methods with calls the compiler resolves.</summary>
    internal static void ReplaceMethodDiscovery(IServiceCollection services) =>
        services.RemoveAll(typeof(IServiceMethodProvider<>));

    internal ServiceProvider BuildServiceProvider() => _services.BuildServiceProvider();

    internal void Map(IEndpointRouteBuilder endpoints)
    {
        foreach (var map in _maps)
        {
            map(endpoints);
        }
    }

    private sealed class MethodList<[DynamicallyAccessedMembers(ServiceMembers)] TService>(
        string serviceName, Action<GrpcMethods<TService>> methods) : IServiceMethodProvider<TService>
        where TService : class
    {
        public void OnServiceMethodDiscovery(ServiceMethodProviderContext<TService> context) =>
            methods(new GrpcMethods<TService>(context, serviceName));
    }
}
