using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace PodIdentity.Plugin.Hosting.Internal;

/// <summary>Kestrel's application callback. Kestrel starts before the pipeline, which is then built on another
/// thread; a request that arrives before it is ready waits for it.</summary>
internal sealed class GrpcApplication(Task<GrpcApplication.Pipeline> pipeline) : IHttpApplication<HttpContext>
{
    public HttpContext CreateContext(IFeatureCollection contextFeatures) => new DefaultHttpContext(contextFeatures);

    public Task ProcessRequestAsync(HttpContext context) => StartupTrace.Enabled ? TracedAsync(context) : ProcessAsync(context);

    private Task ProcessAsync(HttpContext context) =>
        pipeline.IsCompletedSuccessfully ? Run(pipeline.Result, context) : WaitAndRunAsync(context);

    private async Task TracedAsync(HttpContext context)
    {
        StartupTrace.Mark("request start " + context.Request.Path.Value);
        await ProcessAsync(context).ConfigureAwait(false);
        StartupTrace.Mark("request done " + context.Request.Path.Value);
    }

    public void DisposeContext(HttpContext context, Exception? exception)
    {
        if (exception is not null)
        {
            Log.Error("HTTP/2 request failed", ("path", context.Request.Path.Value), ("error", exception.Message));
        }
    }

    private static Task Run(Pipeline ready, HttpContext context)
    {
        // Every service is a singleton: the root provider serves, no scope per call.
        context.RequestServices = ready.Services;
        return ready.Handle(context);
    }

    private async Task WaitAndRunAsync(HttpContext context) =>
        await Run(await pipeline.ConfigureAwait(false), context).ConfigureAwait(false);

    internal sealed record Pipeline(RequestDelegate Handle, IServiceProvider Services);
}
