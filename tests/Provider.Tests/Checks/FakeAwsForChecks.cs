using System.Collections.Concurrent;
using System.Net;
using System.Security;
using System.Text;
using System.Text.Json.Nodes;
using PodIdentity.Aws.Clients;
using PodIdentity.Provider.Checks;

namespace PodIdentity.Provider.Tests.Checks;

/// <summary>
/// IAM GetRole (query XML, trust policy URL-encoded as IAM sends it), EKS DescribeCluster and
/// ListPodIdentityAssociations (rest-json) behind the real typed clients, with per-operation call counts and faults.
/// </summary>
internal sealed class FakeAwsForChecks : HttpMessageHandler
{
    public const string Account = "123456789012";
    public const string Universal = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"pods.eks.amazonaws.com"},"Action":["sts:AssumeRole","sts:TagSession"]}]}""";

    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);

    public Dictionary<string, string> Roles { get; } = new(StringComparer.Ordinal);

    /// <summary>Cluster name to (version, platform version).</summary>
    public Dictionary<string, (string Version, string Platform)> Clusters { get; } = new(StringComparer.Ordinal) { ["lab"] = ("1.33", "eks.5") };

    /// <summary>Existing associations: (cluster, namespace, service account) to (id, owner).</summary>
    public Dictionary<(string, string, string), (string Id, string? Owner)> Associations { get; } = new();

    /// <summary>Answers an operation with an error instead (code, HTTP status).</summary>
    public Dictionary<string, (string Code, HttpStatusCode Status)> Faults { get; } = new(StringComparer.Ordinal);

    /// <summary>Holds every answer until released (to test waiting and cancellation).</summary>
    public TaskCompletionSource Gate { get; set; } = CompletedGate();

    public int Calls(string operation) => _calls.TryGetValue(operation, out var n) ? n : 0;

    public static string Arn(string role) => $"arn:aws:iam::{Account}:role/{role}";

    /// <summary>Real clients over this fake, with instant retries, and the check lookups on them.</summary>
    public (AwsClients Clients, CheckLookups Lookups) Build(string? account = Account, TimeSpan? budget = null, int maxRetries = 3)
    {
        var clients = AwsClients.Create(
            new AwsProviderConfig
            {
                Region = "us-west-2",
                AccessKey = "AKIDEXAMPLE",
                SecretKey = "not-a-real-secret",
                MaxRetries = maxRetries,
                Endpoints = new EndpointsConfig { Eks = "https://eks.test", Iam = "https://iam.test", Sts = "https://sts.test" },
            },
            new AwsClientOptions { Handler = this, Environment = new Dictionary<string, string>(), Delay = (_, ct) => Task.Delay(1, ct) });
        return (clients, new CheckLookups(clients.Iam, _ => clients.Eks, account, budget));
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        var operation = request.RequestUri!.Host.StartsWith("iam", StringComparison.Ordinal) ? Form(body, "Action")!
            : request.RequestUri.AbsolutePath.EndsWith("/pod-identity-associations", StringComparison.Ordinal) ? "ListPodIdentityAssociations"
            : "DescribeCluster";
        _calls.AddOrUpdate(operation, 1, (_, n) => n + 1);
        await Gate.Task.WaitAsync(cancellationToken);

        if (Faults.TryGetValue(operation, out var fault))
        {
            return operation == "GetRole"
                ? Xml(fault.Status, $"<ErrorResponse><Error><Type>Sender</Type><Code>{fault.Code}</Code><Message>fault</Message></Error><RequestId>r</RequestId></ErrorResponse>")
                : Json(fault.Status, new JsonObject { ["__type"] = fault.Code, ["message"] = "fault" });
        }

        return operation switch
        {
            "GetRole" => GetRole(Form(body, "RoleName")!),
            "DescribeCluster" => DescribeCluster(Uri.UnescapeDataString(request.RequestUri.AbsolutePath.Split('/')[2])),
            _ => List(request.RequestUri),
        };
    }

    private HttpResponseMessage GetRole(string name)
    {
        if (!Roles.TryGetValue(name, out var policy))
        {
            return Xml(HttpStatusCode.NotFound,
                $"<ErrorResponse><Error><Type>Sender</Type><Code>NoSuchEntity</Code><Message>The role with name {name} cannot be found.</Message></Error><RequestId>r</RequestId></ErrorResponse>");
        }

        return Xml(HttpStatusCode.OK, $"""
            <GetRoleResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><GetRoleResult><Role>
              <Path>/</Path><RoleName>{name}</RoleName><RoleId>AROATEST</RoleId><Arn>{Arn(name)}</Arn>
              <CreateDate>2026-01-01T00:00:00Z</CreateDate>
              <AssumeRolePolicyDocument>{SecurityElement.Escape(Uri.EscapeDataString(policy))}</AssumeRolePolicyDocument>
            </Role></GetRoleResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></GetRoleResponse>
            """);
    }

    private HttpResponseMessage DescribeCluster(string name) =>
        Clusters.TryGetValue(name, out var c)
            ? Json(HttpStatusCode.OK, new JsonObject { ["cluster"] = new JsonObject { ["name"] = name, ["version"] = c.Version, ["platformVersion"] = c.Platform, ["status"] = "ACTIVE" } })
            : Json(HttpStatusCode.NotFound, new JsonObject { ["__type"] = "ResourceNotFoundException", ["message"] = $"No cluster found for name: {name}." });

    private HttpResponseMessage List(Uri uri)
    {
        var cluster = Uri.UnescapeDataString(uri.AbsolutePath.Split('/')[2]);
        var ns = Form(uri.Query.TrimStart('?'), "namespace");
        var sa = Form(uri.Query.TrimStart('?'), "serviceAccount");
        var items = new JsonArray();
        foreach (var ((c, n, s), (id, owner)) in Associations)
        {
            if (c == cluster && (ns is null || n == ns) && (sa is null || s == sa))
            {
                var item = new JsonObject { ["clusterName"] = c, ["namespace"] = n, ["serviceAccount"] = s, ["associationId"] = id };
                if (owner is not null)
                {
                    item["ownerArn"] = owner;
                }

                items.Add(item);
            }
        }

        return Json(HttpStatusCode.OK, new JsonObject { ["associations"] = items });
    }

    private static string? Form(string text, string key) =>
        text.Split('&').Select(p => p.Split('=', 2)).Where(p => p.Length == 2 && p[0] == key).Select(p => Uri.UnescapeDataString(p[1].Replace('+', ' '))).FirstOrDefault();

    private static TaskCompletionSource CompletedGate()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gate.SetResult();
        return gate;
    }

    private static HttpResponseMessage Xml(HttpStatusCode status, string xml) =>
        new(status) { Content = new StringContent(xml, Encoding.UTF8, "text/xml") };

    private static HttpResponseMessage Json(HttpStatusCode status, JsonObject json) =>
        new(status) { Content = new StringContent(json.ToJsonString(), Encoding.UTF8, "application/json") };
}
