using System.Net;
using System.Text;

namespace PodIdentity.Aws.Clients.Tests;

/// <summary>A recorded request: everything the test may assert on.</summary>
internal sealed record RecordedRequest(HttpMethod Method, Uri Uri, Dictionary<string, string> Headers, string Body)
{
    public string Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var v) ? v : "";

    public Dictionary<string, List<string>> Query() => ParsePairs(Uri.Query.TrimStart('?'));

    public Dictionary<string, List<string>> Form() => ParsePairs(Body);

    private static Dictionary<string, List<string>> ParsePairs(string text)
    {
        var d = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var pair in text.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=');
            var k = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
            var v = eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..]);
            if (!d.TryGetValue(k, out var list))
            {
                d[k] = list = [];
            }

            list.Add(v);
        }

        return d;
    }
}

/// <summary>Records requests and answers from a queue of canned responses (the last one repeats).</summary>
internal sealed class FakeHandler : HttpMessageHandler
{
    private readonly Queue<Func<RecordedRequest, HttpResponseMessage>> _responses = new();
    private Func<RecordedRequest, HttpResponseMessage>? _last;

    public List<RecordedRequest> Requests { get; } = [];

    public FakeHandler Respond(Func<RecordedRequest, HttpResponseMessage> responder)
    {
        _responses.Enqueue(responder);
        return this;
    }

    public FakeHandler Json(string json, HttpStatusCode status = HttpStatusCode.OK, params (string Name, string Value)[] headers) =>
        Respond(_ => Make(status, json, "application/json", headers));

    public FakeHandler Xml(string xml, HttpStatusCode status = HttpStatusCode.OK, params (string Name, string Value)[] headers) =>
        Respond(_ => Make(status, xml, "text/xml", headers));

    public FakeHandler Throw(Exception e) => Respond(_ => throw e);

    public static HttpResponseMessage Make(HttpStatusCode status, string body, string contentType, params (string Name, string Value)[] headers)
    {
        var r = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, contentType) };
        foreach (var (name, value) in headers)
        {
            r.Headers.TryAddWithoutValidation(name, value);
        }

        return r;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var h in request.Headers)
        {
            headers[h.Key.ToLowerInvariant()] = string.Join(",", h.Value);
        }

        var body = "";
        if (request.Content is not null)
        {
            foreach (var h in request.Content.Headers)
            {
                headers[h.Key.ToLowerInvariant()] = string.Join(",", h.Value);
            }

            body = await request.Content.ReadAsStringAsync(cancellationToken);
        }

        var recorded = new RecordedRequest(request.Method, request.RequestUri!, headers, body);
        Requests.Add(recorded);
        if (_responses.Count > 0)
        {
            _last = _responses.Dequeue();
        }

        if (_last is null)
        {
            throw new InvalidOperationException("No canned response.");
        }

        return _last(recorded);
    }
}
