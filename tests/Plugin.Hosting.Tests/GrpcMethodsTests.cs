using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PodIdentity.Plugin.Hosting.Internal;
using PodIdentity.Plugin.Hosting.Protos;

namespace PodIdentity.Plugin.Hosting.Tests;

/// <summary>Methods are registered one typed line each (no generated BindService); a line that does not match the
/// proto service must stop the process before the handshake, and what is registered is what gets routed.</summary>
public sealed class GrpcMethodsTests
{
    [Fact]
    public void TheHostsMethodsAreRoutedOnceEach()
    {
        var pipeline = Build(_ => { });
        var routes = pipeline.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>().Select(e => e.RoutePattern.RawText).ToList();

        Assert.Single(routes, "/plugin.GRPCController/Shutdown");
        Assert.Single(routes, "/grpc.health.v1.Health/Check");
        Assert.Single(routes, "/grpc.health.v1.Health/Watch");
        Assert.Single(routes, "/plugin.GRPCStdio/StreamStdio");
    }

    [Fact]
    public void UnknownMethodNameFailsTheBuild()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Build(services =>
            services.Add(new Extra(), GRPCController.Descriptor, methods =>
                methods.Unary<Empty, Empty>("Shutdwn", (_, _) => Task.FromResult(new Empty())))));
        Assert.Contains("plugin.GRPCController has no method Shutdwn", error.Message);
    }

    [Fact]
    public void WrongStreamingKindFailsTheBuild()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Build(services =>
            services.Add(new Extra(), GRPCController.Descriptor, methods =>
                methods.ServerStreaming<Empty, Empty>("Shutdown", (_, _, _) => Task.CompletedTask))));
        Assert.Contains("plugin.GRPCController.Shutdown is Unary", error.Message);
        Assert.Contains("not ServerStreaming", error.Message);
    }

    [Fact]
    public void WrongMessageTypeFailsTheBuild()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Build(services =>
            services.Add(new Extra(), GRPCController.Descriptor, methods =>
                methods.Unary<StdioData, Empty>("Shutdown", (_, _) => Task.FromResult(new Empty())))));
        Assert.Contains("not Unary", error.Message);
        Assert.Contains(nameof(StdioData), error.Message);
    }

    private static GrpcApplication.Pipeline Build(Action<GrpcServices> register)
    {
        using var lifetime = new HostLifetime();
        return GrpcPipeline.Build(GrpcPipeline.Register(register, lifetime, new KestrelLogBridge()));
    }

    private sealed class Extra : GRPCController.GRPCControllerBase;
}
