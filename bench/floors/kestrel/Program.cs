// The floor for a Kestrel-based plugin: runtime start, Kestrel h2c on a unix socket, one line on stdout.
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
var dir = Directory.CreateTempSubdirectory("kf");
var path = Path.Combine(dir.FullName, "s.sock");
var options = new KestrelServerOptions();
options.Listen(new UnixDomainSocketEndPoint(path), l => l.Protocols = HttpProtocols.Http2);
var server = new KestrelServer(Options.Create(options), new SocketTransportFactory(Options.Create(new SocketTransportOptions()), NullLoggerFactory.Instance), NullLoggerFactory.Instance);
await server.StartAsync(new App(), CancellationToken.None);
Console.Out.Write($"1|6|unix|{path}|grpc|\n");
Console.Out.Flush();
await Task.Delay(-1);
sealed class App : IHttpApplication<IFeatureCollection>
{
    public IFeatureCollection CreateContext(IFeatureCollection f) => f;
    public Task ProcessRequestAsync(IFeatureCollection f) => Task.CompletedTask;
    public void DisposeContext(IFeatureCollection f, Exception? e) { }
}
