using System.Net;
using System.Security;
using System.Text.Json.Nodes;
using PodIdentity.Aws.Clients;
using PodIdentity.Provider.Checks;
using PodIdentity.TestSupport;

namespace PodIdentity.Provider.Tests.Checks;

/// <summary>
/// IAM GetRole (query XML, trust policy URL-encoded as IAM sends it), EKS DescribeCluster and
/// ListPodIdentityAssociations (rest-json) behind the real typed clients, with per-operation call counts and faults.
/// </summary>
internal sealed class FakeAwsForChecks : FakeHttpHandler
{
    public const string Account = "123456789012";
    public const string Universal = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"pods.eks.amazonaws.com"},"Action":["sts:AssumeRole","sts:TagSession"]}]}""";

    public FakeAwsForChecks()
        : base(Routes(
            [
                ("GET", "/clusters/{name}/pod-identity-associations", "ListPodIdentityAssociations"),
                ("GET", "/clusters/{name}", "DescribeCluster"),
            ],
            otherwise: AwsOperation)) =>
        Respond(AnswerAsync);

    public Dictionary<string, string> Roles { get; } = new(StringComparer.Ordinal);

    /// <summary>Cluster name to (version, platform version).</summary>
    public Dictionary<string, (string Version, string Platform)> Clusters { get; } = new(StringComparer.Ordinal) { ["lab"] = ("1.33", "eks.5") };

    /// <summary>Existing associations: (cluster, namespace, service account) to (id, owner).</summary>
    public Dictionary<(string, string, string), (string Id, string? Owner)> Associations { get; } = new();

    /// <summary>Answers an operation with an error instead (code, HTTP status).</summary>
    public Dictionary<string, (string Code, HttpStatusCode Status)> Faults { get; } = new(StringComparer.Ordinal);

    /// <summary>Holds every answer until released (to test waiting and cancellation).</summary>
    public TaskCompletionSource Gate { get; set; } = CompletedGate();

    public int Calls(string operation) => Count(operation);

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

    private async Task<HttpResponseMessage> AnswerAsync(RecordedRequest request, CancellationToken cancellationToken)
    {
        await Gate.Task.WaitAsync(cancellationToken);
        if (Faults.TryGetValue(request.Operation, out var fault))
        {
            return request.Operation == "GetRole"
                ? AwsQueryError(fault.Status, fault.Code, "fault")
                : JsonResponse(fault.Status, new JsonObject { ["__type"] = fault.Code, ["message"] = "fault" });
        }

        return request.Operation switch
        {
            "GetRole" => GetRole(request.FormValue("RoleName")!),
            "DescribeCluster" => DescribeCluster(request.Path.Split('/')[2]),
            _ => List(request),
        };
    }

    private HttpResponseMessage GetRole(string name)
    {
        if (!Roles.TryGetValue(name, out var policy))
        {
            return AwsQueryError(HttpStatusCode.NotFound, "NoSuchEntity", $"The role with name {name} cannot be found.");
        }

        return XmlResponse(HttpStatusCode.OK, $"""
            <GetRoleResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><GetRoleResult><Role>
              <Path>/</Path><RoleName>{name}</RoleName><RoleId>AROATEST</RoleId><Arn>{Arn(name)}</Arn>
              <CreateDate>2026-01-01T00:00:00Z</CreateDate>
              <AssumeRolePolicyDocument>{SecurityElement.Escape(Uri.EscapeDataString(policy))}</AssumeRolePolicyDocument>
            </Role></GetRoleResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></GetRoleResponse>
            """);
    }

    private HttpResponseMessage DescribeCluster(string name) =>
        Clusters.TryGetValue(name, out var c)
            ? JsonResponse(HttpStatusCode.OK, new JsonObject { ["cluster"] = new JsonObject { ["name"] = name, ["version"] = c.Version, ["platformVersion"] = c.Platform, ["status"] = "ACTIVE" } })
            : JsonResponse(HttpStatusCode.NotFound, new JsonObject { ["__type"] = "ResourceNotFoundException", ["message"] = $"No cluster found for name: {name}." });

    private HttpResponseMessage List(RecordedRequest request)
    {
        var cluster = request.Path.Split('/')[2];
        var query = request.QueryValues();
        var ns = query.TryGetValue("namespace", out var nsValues) ? nsValues[0] : null;
        var sa = query.TryGetValue("serviceAccount", out var saValues) ? saValues[0] : null;
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

        return JsonResponse(HttpStatusCode.OK, new JsonObject { ["associations"] = items });
    }

    private static TaskCompletionSource CompletedGate()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gate.SetResult();
        return gate;
    }
}
