using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace PodIdentity.Plugin.Hosting.Internal;

/// <summary>Kestrel's application callback: every request goes straight to the gRPC dispatcher.</summary>
internal sealed class GrpcHttpApplication(GrpcDispatcher dispatcher) : IHttpApplication<HttpContext>
{
    public HttpContext CreateContext(IFeatureCollection contextFeatures) => new DefaultHttpContext(contextFeatures);

    public Task ProcessRequestAsync(HttpContext context) => dispatcher.HandleAsync(context);

    public void DisposeContext(HttpContext context, Exception? exception)
    {
        if (exception is not null)
        {
            Log.Error("HTTP/2 request failed", ("path", context.Request.Path.Value), ("error", exception.Message));
        }
    }
}
