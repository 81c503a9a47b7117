using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using PodIdentity.Emulator.State;

namespace PodIdentity.Emulator.Hosting;

/// <summary>A running emulator: Kestrel on loopback with the dispatcher as its only handler.</summary>
internal sealed class EmulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EmulatorHost(WebApplication app, EmulatorContext context, RequestDispatcher dispatcher, string baseUrl)
    {
        _app = app;
        Context = context;
        Dispatcher = dispatcher;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }
    public EmulatorContext Context { get; }
    public RequestDispatcher Dispatcher { get; }

    public static async Task<EmulatorHost> StartAsync(EmulatorOptions options, TimeProvider? clock = null)
    {
        clock ??= TimeProvider.System;
        var store = new StateStore(options.StateFile,
            () => SeedFile.Build(options.SeedFile, options.AccountId, clock.GetUtcNow()));
        var context = new EmulatorContext(options, store, clock);
        var dispatcher = new RequestDispatcher(context);

        // The empty builder has no logging providers, so nothing reaches stdout before our first line.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = null;
            k.Listen(options.Listen);
        });
        var app = builder.Build();
        app.Run(dispatcher.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new EmulatorHost(app, context, dispatcher, address.TrimEnd('/'));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
