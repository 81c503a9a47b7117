namespace PodIdentity.Plugin.Hosting;

/// <summary>Per-call information handed to a handler.</summary>
public sealed class GrpcCallContext
{
    internal GrpcCallContext(string method, CancellationToken cancellationToken)
    {
        Method = method;
        CancellationToken = cancellationToken;
    }

    /// <summary>Fires when the client cancels, the deadline passes or the host shuts down.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>The full gRPC path, e.g. <c>/tfplugin6.Provider/GetProviderSchema</c>.</summary>
    public string Method { get; }
}
