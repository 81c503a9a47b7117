using System.Diagnostics;
using Grpc.Health.V1;
using Grpc.HealthCheck;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PodIdentity.Plugin.Hosting.Protos;

namespace PodIdentity.Plugin.Hosting.Internal;

/// <summary>Builds the request pipeline: Grpc.AspNetCore's endpoints for go-plugin's services and the
/// provider's, behind endpoint routing. No generic host: a bare service collection is all gRPC needs.</summary>
internal static class GrpcPipeline
{
    /// <summary>The cap on one message, both ways. Provider states can be large; Terraform's own cap is 256 MiB.</summary>
    public const int MaxMessageSize = 256 * 1024 * 1024;

    /// <summary>go-plugin checks this name; "" is the whole server.</summary>
    public const string HealthServiceName = "plugin";

    /// <summary>go-plugin's services, then the provider's (which runs its constructors: schemas are built here).</summary>
    public static GrpcServices Register(Action<GrpcServices> register, HostLifetime lifetime, ILoggerFactory logs)
    {
        StartupTrace.Mark("registration start");
        var collection = new ServiceCollection();
        collection.AddSingleton(logs);
        collection.AddSingleton(typeof(ILogger<>), typeof(Logger<>));

        // Endpoint routing reports to a DiagnosticListener; nobody listens, so it costs nothing per request.
        collection.AddSingleton(new DiagnosticListener("Microsoft.AspNetCore"));
        collection.AddGrpc(options =>
        {
            options.MaxReceiveMessageSize = MaxMessageSize;
            options.MaxSendMessageSize = MaxMessageSize;
            options.EnableDetailedErrors = false;
        });
        GrpcServices.ReplaceMethodDiscovery(collection);

        var health = new HealthServiceImpl();
        health.SetStatus(string.Empty, HealthCheckResponse.Types.ServingStatus.Serving);
        health.SetStatus(HealthServiceName, HealthCheckResponse.Types.ServingStatus.Serving);

        var services = new GrpcServices(collection);
        var controller = new ControllerService(lifetime);
        services.Add(controller, "plugin.GRPCController", controller.Map);
        services.Add(health, "grpc.health.v1.Health", methods =>
        {
            methods.Unary<HealthCheckRequest, HealthCheckResponse>(nameof(health.Check), health.Check);
            methods.ServerStreaming<HealthCheckRequest, HealthCheckResponse>(nameof(health.Watch), health.Watch);
        });
        var stdio = new StdioService(lifetime);
        services.Add(stdio, "plugin.GRPCStdio", stdio.Map);
        StartupTrace.Mark("host services added");
        register(services);
        StartupTrace.Mark("registration done");
        return services;
    }

    public static GrpcApplication.Pipeline Build(GrpcServices services)
    {
        var provider = services.BuildServiceProvider();
        StartupTrace.Mark("service provider built");
        var app = new ApplicationBuilder(provider);
        app.UseRouting();
        StartupTrace.Mark("routing added");
        app.UseEndpoints(services.Map);
        StartupTrace.Mark("endpoints mapped");
        var pipeline = new GrpcApplication.Pipeline(app.Build(), provider);
        StartupTrace.Mark("pipeline built");
        return pipeline;
    }
}
