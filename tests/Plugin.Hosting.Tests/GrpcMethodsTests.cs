using Grpc.Health.V1;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PodIdentity.Plugin.Hosting.Internal;
using PodIdentity.Plugin.Hosting.Protos;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace PodIdentity.Plugin.Hosting.Tests;

/// <summary>Methods are registered one typed line each, not by the generated BindService: what the lines list is
/// exactly what gets routed, once, under the proto's names.</summary>
public sealed class GrpcMethodsTests
{
    [Theory]
    [MemberData(nameof(HostServices))]
    public void EveryMethodOfTheHostsServicesIsRoutedOnceUnderItsProtoName(string serviceName)
    {
        var service = HostDescriptors.Single(s => s.FullName == serviceName);
        var routes = Routes(_ => { });

        foreach (var method in service.Methods)
        {
            Assert.Single(routes, $"/{service.FullName}/{method.Name}");
        }

        Assert.Equal(service.Methods.Count, routes.Count(r => r.StartsWith($"/{service.FullName}/", StringComparison.Ordinal)
            && !r.Contains('{', StringComparison.Ordinal)));
    }

    [Fact]
    public void OnlyListedMethodsAreRoutedAndTheRestAreLeftToTheUnimplementedRoute()
    {
        var routes = Routes(services =>
            services.Add(new Extra(), "plugin.Extra", methods => methods.Unary<Empty, Empty>(nameof(Extra.Shutdown), new Extra().Shutdown)));

        Assert.Single(routes, "/plugin.Extra/Shutdown");
        Assert.Single(routes, r => r.StartsWith("plugin.Extra/{unimplementedMethod", StringComparison.Ordinal));
        Assert.Equal(2, routes.Count(r => r.TrimStart('/').StartsWith("plugin.Extra/", StringComparison.Ordinal)));
    }

    public static TheoryData<string> HostServices() => new(HostDescriptors.Select(s => s.FullName));

    private static readonly ServiceDescriptor[] HostDescriptors = [GRPCController.Descriptor, GRPCStdio.Descriptor, Health.Descriptor];

    private static List<string> Routes(Action<GrpcServices> register)
    {
        using var lifetime = new HostLifetime();
        var pipeline = GrpcPipeline.Build(GrpcPipeline.Register(register, lifetime, new KestrelLogBridge()));
        return pipeline.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>().Select(e => e.RoutePattern.RawText ?? "").ToList();
    }

    private sealed class Extra : GRPCController.GRPCControllerBase;
}
