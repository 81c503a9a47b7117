using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace PodIdentity.Aws.Clients;

/// <summary>Builds the one handler all clients share: proxies, custom CA bundle, insecure mode, system roots.</summary>
internal static class HttpClientFactory
{
    /// <param name="anyTls">Whether any endpoint is HTTPS. When none is (a local emulator), a custom CA bundle
    /// is never consulted, so it is not parsed: AWS_CA_BUNDLE often names the whole system bundle, and reading it
    /// cost ~60 ms of every ConfigureProvider.</param>
    /// <param name="environment">The environment the process started with: where the system roots are.</param>
    public static HttpMessageHandler CreateHandler(AwsProviderConfig config, bool anyTls, IReadOnlyDictionary<string, string> environment)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(10),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = DecompressionMethods.All,
        };

        var proxy = ConfiguredProxy.Create(config.HttpProxy, config.HttpsProxy, config.NoProxy);
        handler.UseProxy = proxy is not null;
        handler.Proxy = proxy;

        if (config.Insecure == true)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        }
        else if (anyTls && !string.IsNullOrEmpty(config.CustomCaBundle))
        {
            var roots = new X509Certificate2Collection();
            roots.ImportFromPemFile(config.CustomCaBundle);
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
                CertificateTrust.Validate(certificate, chain, errors, roots);
        }
        else if (SystemTrust.Applies)
        {
            // The process's own .NET store is empty under the plugin host (see SystemTrust): the system's roots
            // are read on the first HTTPS handshake, and only then.
            var trust = new SystemTrust(environment);
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
                trust.Validate(certificate, chain, errors);
        }

        return handler;
    }
}

/// <summary>http_proxy / https_proxy by request scheme, bypassed for no_proxy hosts (suffix match, <c>*</c> for all).</summary>
internal sealed class ConfiguredProxy : IWebProxy
{
    private readonly Uri? _http;
    private readonly Uri? _https;
    private readonly string[] _bypass;

    private ConfiguredProxy(Uri? http, Uri? https, string[] bypass)
    {
        _http = http;
        _https = https;
        _bypass = bypass;
    }

    public ICredentials? Credentials { get; set; }

    public static ConfiguredProxy? Create(string? http, string? https, string? noProxy)
    {
        var h = Parse(http);
        var s = Parse(https);
        if (h is null && s is null)
        {
            return null;
        }

        var bypass = (noProxy ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new ConfiguredProxy(h, s, bypass);
    }

    public Uri? GetProxy(Uri destination) => IsBypassed(destination) ? null : destination.Scheme == "https" ? _https : _http;

    public bool IsBypassed(Uri host)
    {
        // Like Go's proxy rules, which the official provider follows: loopback never goes through a proxy.
        if (host.IsLoopback)
        {
            return true;
        }

        var name = host.Host;
        foreach (var entry in _bypass)
        {
            if (entry == "*")
            {
                return true;
            }

            var suffix = entry.TrimStart('*').TrimStart('.');
            if (name.Equals(suffix, StringComparison.OrdinalIgnoreCase)
                || name.EndsWith("." + suffix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return (_https is null && host.Scheme == "https") || (_http is null && host.Scheme == "http");
    }

    private static Uri? Parse(string? value) =>
        string.IsNullOrEmpty(value) ? null : Uri.TryCreate(value, UriKind.Absolute, out var u) ? u : null;
}
