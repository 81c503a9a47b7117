namespace PodIdentity.Plugin.Hosting;

/// <summary>Sends messages of a server-streaming call; calls must not overlap.</summary>
public interface IGrpcStreamWriter<in T>
{
    Task WriteAsync(T message);
}
