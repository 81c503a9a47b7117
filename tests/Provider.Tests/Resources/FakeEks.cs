using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace PodIdentity.Provider.Tests.Resources;

/// <summary>One request the fake received, classified into the EKS operation it calls.</summary>
internal sealed record EksRequest(string Operation, HttpMethod Method, string Path, string Query, string Body)
{
    public JsonObject Json => (JsonObject)JsonNode.Parse(Body)!;
}

/// <summary>
/// A scripted EKS under the real typed client: each operation answers from its own queue (the last answer
/// repeats) and every request is recorded, so tests assert exactly which calls were made with which members.
/// </summary>
internal sealed class FakeEks : HttpMessageHandler
{
    private readonly Dictionary<string, Queue<Func<EksRequest, HttpResponseMessage>>> _queues = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Func<EksRequest, HttpResponseMessage>> _last = new(StringComparer.Ordinal);

    public List<EksRequest> Requests { get; } = [];

    public int Count(string operation) => Requests.Count(r => r.Operation == operation);

    public IEnumerable<EksRequest> Of(string operation) => Requests.Where(r => r.Operation == operation);

    public FakeEks On(string operation, Func<EksRequest, HttpResponseMessage> respond)
    {
        if (!_queues.TryGetValue(operation, out var queue))
        {
            _queues[operation] = queue = new Queue<Func<EksRequest, HttpResponseMessage>>();
        }

        queue.Enqueue(respond);
        return this;
    }

    public FakeEks Ok(string operation, JsonNode body) => On(operation, _ => Response(HttpStatusCode.OK, body.ToJsonString()));

    public FakeEks Error(string operation, HttpStatusCode status, string code, string message) =>
        On(operation, _ => Response(status, new JsonObject { ["__type"] = code, ["message"] = message }.ToJsonString(), ("x-amzn-RequestId", "req-" + code)));

    public static JsonObject Association(
        string id = "a-0123456789abcdefg",
        string ns = "payments",
        string serviceAccount = "payments-api",
        string role = "arn:aws:iam::123456789012:role/payments-api",
        string? target = null,
        string? externalId = null,
        string? policy = null,
        bool disableSessionTags = false,
        string? owner = null,
        JsonObject? tags = null,
        double createdAt = 1767225600,
        double modifiedAt = 1767225600)
    {
        var json = new JsonObject
        {
            ["clusterName"] = "lab",
            ["namespace"] = ns,
            ["serviceAccount"] = serviceAccount,
            ["roleArn"] = role,
            ["associationArn"] = $"arn:aws:eks:us-west-2:123456789012:podidentityassociation/lab/{id}",
            ["associationId"] = id,
            ["tags"] = tags ?? new JsonObject(),
            ["createdAt"] = createdAt,
            ["modifiedAt"] = modifiedAt,
            ["disableSessionTags"] = disableSessionTags,
        };
        if (target is not null)
        {
            json["targetRoleArn"] = target;
        }

        if (externalId is not null)
        {
            json["externalId"] = externalId;
        }

        if (policy is not null)
        {
            json["policy"] = policy;
        }

        if (owner is not null)
        {
            json["ownerArn"] = owner;
        }

        return new JsonObject { ["association"] = json };
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        var path = Uri.UnescapeDataString(request.RequestUri!.AbsolutePath);
        var recorded = new EksRequest(Classify(request.Method, path), request.Method, path, Uri.UnescapeDataString(request.RequestUri.Query), body);
        Requests.Add(recorded);
        if (_queues.TryGetValue(recorded.Operation, out var queue) && queue.Count > 0)
        {
            _last[recorded.Operation] = queue.Dequeue();
        }

        return _last.TryGetValue(recorded.Operation, out var respond)
            ? respond(recorded)
            : throw new InvalidOperationException($"No scripted answer for {recorded.Operation} ({request.Method} {path}).");
    }

    private static HttpResponseMessage Response(HttpStatusCode status, string body, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }

    private static string Classify(HttpMethod method, string path)
    {
        var parts = path.Trim('/').Split('/');
        return (method.Method, parts) switch
        {
            ("POST", ["clusters", _, "pod-identity-associations"]) => "CreatePodIdentityAssociation",
            ("GET", ["clusters", _, "pod-identity-associations"]) => "ListPodIdentityAssociations",
            ("GET", ["clusters", _, "pod-identity-associations", _]) => "DescribePodIdentityAssociation",
            ("POST", ["clusters", _, "pod-identity-associations", _]) => "UpdatePodIdentityAssociation",
            ("DELETE", ["clusters", _, "pod-identity-associations", _]) => "DeletePodIdentityAssociation",
            ("POST", ["tags", ..]) => "TagResource",
            ("DELETE", ["tags", ..]) => "UntagResource",
            _ => $"{method} {path}",
        };
    }
}
