using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PodIdentity.Aws.Clients.Tests;

/// <summary>An HTTPS EKS stand-in on loopback: DescribeCluster answers with the name it was asked for, and every
/// request's Authorization header is kept.</summary>
internal sealed class LoopbackHttpsServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackHttpsServer(WebApplication app, string url, List<string> authorizations)
    {
        _app = app;
        Url = url;
        Authorizations = authorizations;
    }

    public string Url { get; }

    public List<string> Authorizations { get; }

    public static async Task<LoopbackHttpsServer> StartAsync(HttpsConnectionAdapterOptions https)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, o => o.UseHttps(https)));
        var app = builder.Build();
        var authorizations = new List<string>();
        app.MapGet("/clusters/{name}", (HttpContext ctx, string name) =>
        {
            authorizations.Add(ctx.Request.Headers.Authorization.ToString());
            return Results.Text("{\"cluster\":{\"name\":\"" + name + "\"}}", "application/json");
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new LoopbackHttpsServer(app, address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal), authorizations);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
