using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace PodIdentity.TestSupport;

/// <summary>
/// A recording stand-in for AWS (or any HTTP server) under real clients. Every request is recorded, named by a
/// classifier (by default its AWS operation) and answered by the first rule that matches:
/// <list type="number">
/// <item>rules for its operation (<see cref="On(string, Func{RecordedRequest, HttpResponseMessage})"/>), in turn;</item>
/// <item>rules on any predicate (<see cref="When"/>), in the order added;</item>
/// <item>answers for any request (<see cref="Respond"/>, <see cref="Json"/>, <see cref="Xml"/>, <see cref="Throw"/>).</item>
/// </list>
/// Operation rules and any-request answers are queues whose last answer repeats, so a test scripts "fail twice, then
/// succeed" as three calls. A request nothing answers fails with its operation and URL.
/// </summary>
public class FakeHttpHandler : HttpMessageHandler
{
    private readonly Func<RecordedRequest, string> _classify;
    private readonly Dictionary<string, Script> _byOperation = new(StringComparer.Ordinal);
    private readonly List<(Func<RecordedRequest, bool> Match, Responder Respond)> _predicates = [];
    private readonly Script _any = new();
    private readonly List<RecordedRequest> _requests = [];

    /// <param name="classify">Names each request's operation; <see cref="AwsOperation"/> when not given.</param>
    public FakeHttpHandler(Func<RecordedRequest, string>? classify = null) => _classify = classify ?? AwsOperation;

    /// <summary>Answers a request and may wait (honour the token) or throw.</summary>
    public delegate Task<HttpResponseMessage> Responder(RecordedRequest request, CancellationToken cancellationToken);

    /// <summary>Every request so far, in arrival order (a snapshot: safe while requests still arrive).</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public RecordedRequest Last => Requests[^1];

    public int Count(string operation) => Of(operation).Count();

    public IEnumerable<RecordedRequest> Of(string operation) => Requests.Where(r => r.Operation == operation);

    public FakeHttpHandler On(string operation, Func<RecordedRequest, HttpResponseMessage> respond) =>
        On(operation, Sync(respond));

    public FakeHttpHandler On(string operation, Responder respond)
    {
        lock (_byOperation)
        {
            if (!_byOperation.TryGetValue(operation, out var script))
            {
                _byOperation[operation] = script = new Script();
            }

            script.Add(respond);
        }

        return this;
    }

    /// <summary>A 200 JSON answer for the operation.</summary>
    public FakeHttpHandler Ok(string operation, JsonNode body) => On(operation, _ => JsonResponse(HttpStatusCode.OK, body.ToJsonString()));

    /// <summary>An AWS JSON error for the operation (rest-json and json protocols), with request id "req-CODE".</summary>
    public FakeHttpHandler Error(string operation, HttpStatusCode status, string code, string message) =>
        On(operation, _ => AwsJsonError(status, code, message));

    public FakeHttpHandler When(Func<RecordedRequest, bool> match, Func<RecordedRequest, HttpResponseMessage> respond) =>
        When(match, Sync(respond));

    public FakeHttpHandler When(Func<RecordedRequest, bool> match, Responder respond)
    {
        lock (_predicates)
        {
            _predicates.Add((match, respond));
        }

        return this;
    }

    public FakeHttpHandler Respond(Func<RecordedRequest, HttpResponseMessage> respond) => Respond(Sync(respond));

    public FakeHttpHandler Respond(Responder respond)
    {
        lock (_any)
        {
            _any.Add(respond);
        }

        return this;
    }

    public FakeHttpHandler Json(string json, HttpStatusCode status = HttpStatusCode.OK, params (string Name, string Value)[] headers) =>
        Respond(_ => Response(status, json, "application/json", headers));

    public FakeHttpHandler Xml(string xml, HttpStatusCode status = HttpStatusCode.OK, params (string Name, string Value)[] headers) =>
        Respond(_ => Response(status, xml, "text/xml", headers));

    public FakeHttpHandler Throw(Exception e) => Respond(_ => throw e);

    public static HttpResponseMessage Response(HttpStatusCode status, string body, string contentType, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, contentType) };
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }

    public static HttpResponseMessage JsonResponse(HttpStatusCode status, string json, params (string Name, string Value)[] headers) =>
        Response(status, json, "application/json", headers);

    public static HttpResponseMessage JsonResponse(HttpStatusCode status, JsonNode json, params (string Name, string Value)[] headers) =>
        Response(status, json.ToJsonString(), "application/json", headers);

    public static HttpResponseMessage XmlResponse(HttpStatusCode status, string xml, params (string Name, string Value)[] headers) =>
        Response(status, xml, "text/xml", headers);

    /// <summary>An error as the rest-json and json protocols send it: the code in __type and x-amzn-RequestId.</summary>
    public static HttpResponseMessage AwsJsonError(HttpStatusCode status, string code, string message, string? requestId = null) =>
        JsonResponse(status, new JsonObject { ["__type"] = code, ["message"] = message }, ("x-amzn-RequestId", requestId ?? "req-" + code));

    /// <summary>An error as the query protocol (IAM, STS) sends it.</summary>
    public static HttpResponseMessage AwsQueryError(HttpStatusCode status, string code, string message, string requestId = "r", string? xmlns = null) =>
        XmlResponse(status, $"""
            <ErrorResponse{(xmlns is null ? "" : $" xmlns=\"{xmlns}\"")}>
              <Error><Type>Sender</Type><Code>{code}</Code><Message>{System.Security.SecurityElement.Escape(message)}</Message></Error>
              <RequestId>{requestId}</RequestId>
            </ErrorResponse>
            """);

    /// <summary>
    /// The AWS operation a request calls: the json protocol's X-Amz-Target ("Service.Operation"), the query protocol's
    /// Action, else "METHOD /path" (rest protocols: name them with <see cref="Routes"/>).
    /// </summary>
    public static string AwsOperation(RecordedRequest request)
    {
        var target = request.Header("x-amz-target");
        if (target.Length > 0)
        {
            return target[(target.LastIndexOf('.') + 1)..];
        }

        return request.FormValue("Action")
               ?? (request.QueryValues().TryGetValue("Action", out var action) ? action[0] : null)
               ?? MethodAndPath(request);
    }

    /// <summary>"GET /clusters/lab": the name of a request no route names.</summary>
    public static string MethodAndPath(RecordedRequest request) => $"{request.Method} {request.Path}";

    /// <summary>
    /// A classifier from rest routes: templates like "/clusters/{name}/addons/{addon}" ({x} is one path segment,
    /// {x+} the rest of the path), matched against the decoded path; requests no route matches go to
    /// <paramref name="otherwise"/> (<see cref="MethodAndPath"/> when not given).
    /// </summary>
    public static Func<RecordedRequest, string> Routes(IEnumerable<(string Method, string Template, string Operation)> routes,
        Func<RecordedRequest, string>? otherwise = null)
    {
        var table = routes.Select(r => (r.Method, Segments: r.Template.Trim('/').Split('/'), r.Operation)).ToList();
        otherwise ??= MethodAndPath;
        return request =>
        {
            var path = request.Path.Trim('/').Split('/');
            foreach (var (method, segments, operation) in table)
            {
                if (method == request.Method.Method && Matches(segments, path))
                {
                    return operation;
                }
            }

            return otherwise(request);
        };
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
        recorded = recorded with { Operation = _classify(recorded) };
        lock (_requests)
        {
            _requests.Add(recorded);
        }

        var respond = Pick(recorded)
                      ?? throw new InvalidOperationException($"No answer scripted for {recorded.Operation} ({request.Method} {request.RequestUri}).");
        return await respond(recorded, cancellationToken);
    }

    private Responder? Pick(RecordedRequest request)
    {
        lock (_byOperation)
        {
            if (_byOperation.TryGetValue(request.Operation, out var script))
            {
                return script.Next();
            }
        }

        lock (_predicates)
        {
            foreach (var (match, respond) in _predicates)
            {
                if (match(request))
                {
                    return respond;
                }
            }
        }

        lock (_any)
        {
            return _any.Next();
        }
    }

    private static bool Matches(string[] template, string[] path)
    {
        for (var i = 0; i < template.Length; i++)
        {
            var t = template[i];
            if (t.StartsWith('{') && t.EndsWith("+}", StringComparison.Ordinal))
            {
                return path.Length > i;
            }

            if (i >= path.Length || (!(t.StartsWith('{') && t.EndsWith('}')) && t != path[i]))
            {
                return false;
            }
        }

        return template.Length == path.Length;
    }

    private static Responder Sync(Func<RecordedRequest, HttpResponseMessage> respond) => (r, _) => Task.FromResult(respond(r));

    /// <summary>A queue of answers whose last one repeats.</summary>
    private sealed class Script
    {
        private readonly Queue<Responder> _queue = new();
        private Responder? _last;

        public void Add(Responder respond) => _queue.Enqueue(respond);

        public Responder? Next()
        {
            if (_queue.Count > 0)
            {
                _last = _queue.Dequeue();
            }

            return _last;
        }
    }
}
