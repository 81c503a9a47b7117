using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using PodIdentity.Emulator.Hosting;
using PodIdentity.TestSupport.Emulator;

namespace PodIdentity.Emulator.Tests;

/// <summary>
/// An in-process emulator on a free loopback port, and signed-request helpers to talk to it. In-process on purpose:
/// the tests read the host's state (undeclared errors, options) that the published executable does not expose.
/// </summary>
internal sealed class TestEmulator : IAsyncDisposable
{
    public const string Account = EmulatorSeed.AccountId;
    public const string Region = EmulatorSeed.Region;
    public const string PodRole = $"arn:aws:iam::{Account}:role/pod-role";

    public const string DefaultSeed = """
        {"accountId":"123456789012",
         "clusters":[{"name":"demo","region":"us-west-2","version":"1.31"},{"name":"east","region":"us-east-1","version":"1.30"}],
         "roles":[{"name":"pod-role","assumeRolePolicyDocument":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"pods.eks.amazonaws.com"},"Action":["sts:AssumeRole","sts:TagSession"]}]}},
                  {"name":"target-role","path":"/svc/","assumeRolePolicyDocument":"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::123456789012:root\"},\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"]}]}"}]}
        """;

    private readonly HttpClient _http = new();
    private readonly EmulatorAdmin _admin;

    private TestEmulator(EmulatorHost host, string directory)
    {
        Host = host;
        Directory = directory;
        _admin = new EmulatorAdmin(new Uri(host.BaseUrl));
    }

    public EmulatorHost Host { get; }
    public string Directory { get; }
    public string BaseUrl => Host.BaseUrl;

    public static async Task<TestEmulator> StartAsync(string? seed = null, double addonTransition = 0.3,
        string? stateFile = null, string? directory = null)
    {
        directory ??= System.IO.Directory.CreateTempSubdirectory("emu-test-").FullName;
        var seedPath = Path.Combine(directory, "seed.json");
        await File.WriteAllTextAsync(seedPath, seed ?? DefaultSeed);
        var options = EmulatorOptions.Parse(["--listen", "127.0.0.1:0", "--seed", seedPath,
            "--addon-transition", addonTransition.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--credentials", "test:test", "--credentials", "other:secret2"]);
        options = stateFile is null ? options : options with { StateFile = stateFile };
        return new TestEmulator(await EmulatorHost.StartAsync(options), directory);
    }

    public async Task<Response> EksAsync(HttpMethod method, string pathAndQuery, object? body = null,
        string region = Region, string accessKey = "test", string secret = "test", string? sessionToken = null,
        DateTimeOffset? at = null, string service = "eks")
    {
        var bytes = body switch
        {
            null => [],
            string s => Encoding.UTF8.GetBytes(s),
            JsonNode n => Encoding.UTF8.GetBytes(n.ToJsonString()),
            _ => Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(body)),
        };
        using var request = new HttpRequestMessage(method, BaseUrl + pathAndQuery);
        if (bytes.Length > 0)
        {
            request.Content = new ByteArrayContent(bytes);
            request.Content.Headers.ContentType = new("application/json");
        }
        TestSigner.Sign(request, bytes, accessKey, secret, region, service, at ?? DateTimeOffset.UtcNow, sessionToken);
        return await SendAsync(request);
    }

    public async Task<Response> QueryAsync(string service, IReadOnlyDictionary<string, string> form,
        string accessKey = "test", string secret = "test", string? sessionToken = null)
    {
        var version = service == "sts" ? "2011-06-15" : "2010-05-08";
        var text = string.Join('&', form.Append(KeyValuePair.Create("Version", version))
            .Select(kv => Uri.EscapeDataString(kv.Key) + "=" + Uri.EscapeDataString(kv.Value)));
        var bytes = Encoding.UTF8.GetBytes(text);
        using var request = new HttpRequestMessage(HttpMethod.Post, BaseUrl + "/");
        request.Content = new ByteArrayContent(bytes);
        request.Content.Headers.ContentType = new("application/x-www-form-urlencoded");
        TestSigner.Sign(request, bytes, accessKey, secret, "us-east-1", service, DateTimeOffset.UtcNow, sessionToken);
        return await SendAsync(request);
    }

    /// <summary>A projected service-account token from the emulated cluster (admin API).</summary>
    public Task<string> ServiceAccountTokenAsync(string cluster, string ns, string serviceAccount, string podName = "app-pod",
        int? expirationSeconds = null, string? audience = null) =>
        _admin.ServiceAccountTokenAsync(cluster, ns, serviceAccount, podName, expirationSeconds, audience);

    /// <summary>An unsigned query-protocol call, as the SDKs send AssumeRoleWithWebIdentity.</summary>
    public async Task<Response> UnsignedQueryAsync(IReadOnlyDictionary<string, string> form)
    {
        var text = string.Join('&', form.Append(KeyValuePair.Create("Version", "2011-06-15"))
            .Select(kv => Uri.EscapeDataString(kv.Key) + "=" + Uri.EscapeDataString(kv.Value)));
        using var request = new HttpRequestMessage(HttpMethod.Post, BaseUrl + "/");
        request.Content = new StringContent(text, Encoding.UTF8, "application/x-www-form-urlencoded");
        return await SendAsync(request);
    }

    public async Task<Response> AdminAsync(HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, BaseUrl + "/_emulator/" + path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }
        return await SendAsync(request);
    }

    public async Task<Response> RawAsync(HttpRequestMessage request) => await SendAsync(request);

    private async Task<Response> SendAsync(HttpRequestMessage request)
    {
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var errorType = response.Headers.TryGetValues("x-amzn-ErrorType", out var values) ? values.First() : null;
        var requestId = response.Headers.TryGetValues("x-amzn-RequestId", out var ids) ? ids.First() : null;
        return new Response(response.StatusCode, text, errorType, requestId);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        _admin.Dispose();
        Assert.Equal(0, Host.Dispatcher.UndeclaredErrors);
        await Host.DisposeAsync();
    }
}

internal sealed record Response(HttpStatusCode Status, string Text, string? ErrorType, string? RequestId)
{
    public JsonNode Json => JsonNode.Parse(Text)!;

    public XElement Xml => XElement.Parse(Text);

    /// <summary>Text of the first element with this local name anywhere in the XML answer.</summary>
    public string? XmlValue(string name) => Xml.Descendants().FirstOrDefault(e => e.Name.LocalName == name)?.Value;
}
