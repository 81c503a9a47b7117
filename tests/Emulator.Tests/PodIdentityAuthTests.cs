using System.Net;
using System.Text.Json.Nodes;
using PodIdentity.Emulator.EksAuth;

namespace PodIdentity.Emulator.Tests;

/// <summary>EKS Auth AssumeRoleForPodIdentity and the node agent, from the pod's token to working credentials.</summary>
public sealed class PodIdentityAuthTests : IAsyncLifetime
{
    private const string Account = TestEmulator.Account;
    private const string TargetRole = $"arn:aws:iam::{Account}:role/svc/target-role";
    private TestEmulator _emu = null!;

    public async Task InitializeAsync() => _emu = await TestEmulator.StartAsync(addonTransition: 0.2);

    public async Task DisposeAsync() => await _emu.DisposeAsync();

    private async Task<JsonNode> AssociateAsync(string ns, string sa, object? extra = null)
    {
        var body = new JsonObject { ["namespace"] = ns, ["serviceAccount"] = sa, ["roleArn"] = TestEmulator.PodRole };
        if (extra is not null)
        {
            foreach (var (k, v) in JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(extra))!.AsObject())
            {
                body[k] = v?.DeepClone();
            }
        }
        var r = await _emu.EksAsync(HttpMethod.Post, "/clusters/demo/pod-identity-associations", body);
        Assert.True(r.Status == HttpStatusCode.OK, r.Text);
        return r.Json["association"]!;
    }

    private Task<Response> AssumeAsync(string token, string cluster = "demo") =>
        _emu.EksAsync(HttpMethod.Post, $"/clusters/{cluster}/assume-role-for-pod-identity",
            new JsonObject { ["token"] = token }, service: "eks-auth");

    private async Task<Response> WhoAmIAsync(JsonNode credentials) =>
        await _emu.QueryAsync("sts", new Dictionary<string, string> { ["Action"] = "GetCallerIdentity" },
            credentials["accessKeyId"]!.GetValue<string>(), credentials["secretAccessKey"]!.GetValue<string>(),
            credentials["sessionToken"]!.GetValue<string>());

    private async Task<JsonNode> SessionAsync(string accessKeyId) =>
        (await _emu.AdminAsync(HttpMethod.Get, "sessions")).Json.AsArray()
            .Single(s => s!["accessKeyId"]!.GetValue<string>() == accessKeyId)!;

    private async Task CreateRoleAsync(string name, string trust) =>
        Assert.Equal(HttpStatusCode.OK, (await _emu.QueryAsync("iam", new Dictionary<string, string>
        {
            ["Action"] = "CreateRole", ["RoleName"] = name, ["AssumeRolePolicyDocument"] = trust,
        })).Status);

    [Fact]
    public async Task ThePlainRoleWithSessionTagsAndWorkingCredentials()
    {
        var association = await AssociateAsync("payments", "api");
        var token = await _emu.ServiceAccountTokenAsync("demo", "payments", "api", "api-7d9f");
        var r = await AssumeAsync(token);
        Assert.True(r.Status == HttpStatusCode.OK, r.Text);
        ModelShapes.AssertConformsToEksAuth(r.Json, "AssumeRoleForPodIdentityResponse");
        Assert.Equal("payments", r.Json["subject"]!["namespace"]!.GetValue<string>());
        Assert.Equal("api", r.Json["subject"]!["serviceAccount"]!.GetValue<string>());
        Assert.Equal("pods.eks.amazonaws.com", r.Json["audience"]!.GetValue<string>());
        Assert.Equal(association["associationArn"]!.GetValue<string>(), r.Json["podIdentityAssociation"]!["associationArn"]!.GetValue<string>());
        Assert.Equal(association["associationId"]!.GetValue<string>(), r.Json["podIdentityAssociation"]!["associationId"]!.GetValue<string>());
        var arn = r.Json["assumedRoleUser"]!["arn"]!.GetValue<string>();
        Assert.Matches($"^arn:aws:sts::{Account}:assumed-role/pod-role/eks-demo-api-7d9f-[0-9a-f-]{{36}}$", arn);
        var session = arn[(arn.LastIndexOf('/') + 1)..];
        var expiration = DateTimeOffset.FromUnixTimeMilliseconds((long)(r.Json["credentials"]!["expiration"]!.GetValue<decimal>() * 1000));
        Assert.InRange(expiration - DateTimeOffset.UtcNow, TimeSpan.FromHours(5.9), TimeSpan.FromHours(6));

        var who = await WhoAmIAsync(r.Json["credentials"]!);
        Assert.Equal(arn, who.XmlValue("Arn"));
        var roleId = (await _emu.QueryAsync("iam", new Dictionary<string, string> { ["Action"] = "GetRole", ["RoleName"] = "pod-role" })).XmlValue("RoleId");
        Assert.Equal($"{roleId}:{session}", who.XmlValue("UserId"));
        Assert.Equal($"{roleId}:{session}", r.Json["assumedRoleUser"]!["assumeRoleId"]!.GetValue<string>());
        var c = r.Json["credentials"]!;
        Assert.Equal(HttpStatusCode.OK, (await _emu.EksAsync(HttpMethod.Get, "/clusters", accessKey: c["accessKeyId"]!.GetValue<string>(),
            secret: c["secretAccessKey"]!.GetValue<string>(), sessionToken: c["sessionToken"]!.GetValue<string>())).Status);

        var stored = await SessionAsync(c["accessKeyId"]!.GetValue<string>());
        var tags = stored["tags"]!.AsObject();
        Assert.Equal(["eks-cluster-arn", "eks-cluster-name", "kubernetes-namespace", "kubernetes-pod-name", "kubernetes-pod-uid", "kubernetes-service-account"],
            tags.Select(t => t.Key));
        Assert.Equal($"arn:aws:eks:us-west-2:{Account}:cluster/demo", tags["eks-cluster-arn"]!.GetValue<string>());
        Assert.Equal("api-7d9f", tags["kubernetes-pod-name"]!.GetValue<string>());
        Assert.Equal("AssumeRoleForPodIdentity", stored["issuedBy"]!.GetValue<string>());
        Assert.Null(stored["policy"]);

        // The keys stop working at the expiry they were given.
        var accessKeyId = c["accessKeyId"]!.GetValue<string>();
        _emu.Host.Context.Store.Write(s => s.Sessions[accessKeyId].Expiration = DateTimeOffset.UtcNow.AddSeconds(-1));
        var expired = await WhoAmIAsync(c);
        Assert.Equal((HttpStatusCode.Forbidden, "ExpiredToken"), (expired.Status, expired.XmlValue("Code")));
    }

    [Fact]
    public void SessionNamesFollowTheSeedsShape()
    {
        var name = PodIdentityGrants.SessionName("pod-identity-lab", "s3-test");
        Assert.Matches("^eks-pod-identi-s3-test-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", name);
        var long_ = PodIdentityGrants.SessionName("c", new string('p', 63));
        Assert.Equal(64, long_.Length);
        Assert.StartsWith("eks-c-ppp", long_);
    }

    [Fact]
    public async Task AChainedTargetRoleWithTheAssociationsExternalId()
    {
        var association = await AssociateAsync("ledger", "reader", new { targetRoleArn = TargetRole });
        var externalId = association["externalId"]!.GetValue<string>();
        var r = await AssumeAsync(await _emu.ServiceAccountTokenAsync("demo", "ledger", "reader", "reader-0"));
        Assert.True(r.Status == HttpStatusCode.OK, r.Text);
        var arn = r.Json["assumedRoleUser"]!["arn"]!.GetValue<string>();
        Assert.Matches($"^arn:aws:sts::{Account}:assumed-role/target-role/eks-demo-reader-0-", arn);
        Assert.Equal(arn, (await WhoAmIAsync(r.Json["credentials"]!)).XmlValue("Arn"));
        var stored = await SessionAsync(r.Json["credentials"]!["accessKeyId"]!.GetValue<string>());
        Assert.StartsWith($"arn:aws:sts::{Account}:assumed-role/pod-role/eks-demo-reader-0-", stored["sourceArn"]!.GetValue<string>());
        var expiration = DateTimeOffset.Parse(stored["expiration"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(expiration - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(59), TimeSpan.FromHours(1));

        // The target trusts only the source role with another external id: denied; with the association's: allowed.
        string Trust(string id) => """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:role/pod-role"},
              "Action":["sts:AssumeRole","sts:TagSession"],"Condition":{"StringEquals":{"sts:ExternalId":"ID"}}}]}
            """.Replace("ID", id, StringComparison.Ordinal);
        await _emu.QueryAsync("iam", new Dictionary<string, string>
        {
            ["Action"] = "UpdateAssumeRolePolicy", ["RoleName"] = "target-role", ["PolicyDocument"] = Trust("someone-else"),
        });
        var denied = await AssumeAsync(await _emu.ServiceAccountTokenAsync("demo", "ledger", "reader", "reader-0"));
        Assert.Equal((HttpStatusCode.BadRequest, "AccessDeniedException"), (denied.Status, denied.ErrorType));
        Assert.Contains("target-role", denied.Json["message"]!.GetValue<string>());
        await _emu.QueryAsync("iam", new Dictionary<string, string>
        {
            ["Action"] = "UpdateAssumeRolePolicy", ["RoleName"] = "target-role", ["PolicyDocument"] = Trust(externalId),
        });
        Assert.Equal(HttpStatusCode.OK, (await AssumeAsync(await _emu.ServiceAccountTokenAsync("demo", "ledger", "reader", "reader-0"))).Status);
    }

    [Fact]
    public async Task SessionTagsDisabledCarriesThePolicyAndNeedsNoTagSession()
    {
        await CreateRoleAsync("no-tags-role", """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"pods.eks.amazonaws.com"},"Action":"sts:AssumeRole"}]}
            """);
        var policy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}""";
        await _emu.EksAsync(HttpMethod.Post, "/clusters/demo/pod-identity-associations", new
        {
            @namespace = "batch", serviceAccount = "untagged", roleArn = $"arn:aws:iam::{Account}:role/no-tags-role",
            disableSessionTags = true, policy,
        });
        var r = await AssumeAsync(await _emu.ServiceAccountTokenAsync("demo", "batch", "untagged"));
        Assert.True(r.Status == HttpStatusCode.OK, r.Text);
        var stored = await SessionAsync(r.Json["credentials"]!["accessKeyId"]!.GetValue<string>());
        Assert.Empty(stored["tags"]!.AsObject());
        Assert.Equal(policy, stored["policy"]!.GetValue<string>());

        // The same role with session tags on: its trust lacks sts:TagSession.
        await _emu.EksAsync(HttpMethod.Post, "/clusters/demo/pod-identity-associations", new
        {
            @namespace = "batch", serviceAccount = "tagged", roleArn = $"arn:aws:iam::{Account}:role/no-tags-role",
        });
        var denied = await AssumeAsync(await _emu.ServiceAccountTokenAsync("demo", "batch", "tagged"));
        Assert.Equal("AccessDeniedException", denied.ErrorType);
        Assert.Contains("sts:TagSession", denied.Json["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task ErrorsAreTheModels()
    {
        var none = await AssumeAsync(await _emu.ServiceAccountTokenAsync("demo", "nowhere", "nobody"));
        Assert.Equal((HttpStatusCode.NotFound, "ResourceNotFoundException"), (none.Status, none.ErrorType));

        await CreateRoleAsync("cluster-only", """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"eks.amazonaws.com"},"Action":["sts:AssumeRole","sts:TagSession"]}]}
            """);
        await _emu.EksAsync(HttpMethod.Post, "/clusters/demo/pod-identity-associations", new
        {
            @namespace = "bad", serviceAccount = "trust", roleArn = $"arn:aws:iam::{Account}:role/cluster-only",
        });
        var badTrust = await AssumeAsync(await _emu.ServiceAccountTokenAsync("demo", "bad", "trust"));
        Assert.Equal((HttpStatusCode.BadRequest, "AccessDeniedException"), (badTrust.Status, badTrust.ErrorType));

        await AssociateAsync("payments", "api");
        var otherCluster = await AssumeAsync(await _emu.ServiceAccountTokenAsync("east", "payments", "api"));
        Assert.Equal((HttpStatusCode.BadRequest, "InvalidTokenException"), (otherCluster.Status, otherCluster.ErrorType));
        Assert.Equal("InvalidTokenException", (await AssumeAsync("a.b.c")).ErrorType);
        var wrongAudience = await AssumeAsync(await _emu.ServiceAccountTokenAsync("demo", "payments", "api", audience: "sts.amazonaws.com"));
        Assert.Equal("InvalidTokenException", wrongAudience.ErrorType);
        var missing = await _emu.EksAsync(HttpMethod.Post, "/clusters/demo/assume-role-for-pod-identity", new JsonObject(), service: "eks-auth");
        Assert.Equal("InvalidParameterException", missing.ErrorType);
        Assert.Equal("ResourceNotFoundException", (await AssumeAsync(await _emu.ServiceAccountTokenAsync("demo", "payments", "api"), "ghost")).ErrorType);

        var shortLived = await _emu.ServiceAccountTokenAsync("demo", "payments", "api", expirationSeconds: 1);
        await Task.Delay(1100);
        var expired = await AssumeAsync(shortLived);
        Assert.Equal((HttpStatusCode.BadRequest, "ExpiredTokenException"), (expired.Status, expired.ErrorType));

        // Signed for eks-auth, but with an unknown key: the rest-json authentication error.
        var unsigned = await _emu.EksAsync(HttpMethod.Post, "/clusters/demo/assume-role-for-pod-identity",
            new JsonObject { ["token"] = "a.b.c" }, accessKey: "nobody", service: "eks-auth");
        Assert.Equal("UnrecognizedClientException", unsigned.ErrorType);
    }

    [Fact]
    public async Task TheAgentAnswersOnlyWhileItsAddonIsActive()
    {
        await AssociateAsync("payments", "api");
        var token = await _emu.ServiceAccountTokenAsync("demo", "payments", "api", "api-0");
        async Task<Response> Agent(string? auth)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, _emu.BaseUrl + "/_emulator/clusters/demo/agent/v1/credentials");
            if (auth is not null)
            {
                request.Headers.TryAddWithoutValidation("Authorization", auth);
            }
            return await _emu.RawAsync(request);
        }

        var notInstalled = await Agent(token);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notInstalled.Status);
        Assert.Contains("eks-pod-identity-agent add-on is not installed", notInstalled.Json["Message"]!.GetValue<string>());

        await _emu.EksAsync(HttpMethod.Post, "/clusters/demo/addons", new { addonName = "eks-pod-identity-agent" });
        var creating = await Agent(token);
        Assert.Contains("is CREATING, not ACTIVE", creating.Json["Message"]!.GetValue<string>());
        await Task.Delay(400);

        Assert.Equal(HttpStatusCode.NoContent, (await _emu.AdminAsync(HttpMethod.Delete, "call-log")).Status);
        var ok = await Agent(token);
        Assert.True(ok.Status == HttpStatusCode.OK, ok.Text);
        Assert.Equal(["AccessKeyId", "SecretAccessKey", "Token", "AccountId", "Expiration"], ok.Json.AsObject().Select(p => p.Key));
        Assert.Equal(Account, ok.Json["AccountId"]!.GetValue<string>());
        // Secrets are base64-like: '+' and '/' come as they are, not as \u002B (shell scripts read this answer too).
        Assert.DoesNotContain("\\u00", ok.Text);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", ok.Json["Expiration"]!.GetValue<string>());
        var who = await _emu.QueryAsync("sts", new Dictionary<string, string> { ["Action"] = "GetCallerIdentity" },
            ok.Json["AccessKeyId"]!.GetValue<string>(), ok.Json["SecretAccessKey"]!.GetValue<string>(), ok.Json["Token"]!.GetValue<string>());
        Assert.Matches($"assumed-role/pod-role/eks-demo-api-0-", who.XmlValue("Arn"));
        var log = (await _emu.AdminAsync(HttpMethod.Get, "call-log")).Json.AsArray();
        Assert.Equal(["eks-auth:AssumeRoleForPodIdentity", "sts:GetCallerIdentity"],
            log.Select(e => $"{e!["service"]}:{e["operation"]}"));
        Assert.Equal(who.XmlValue("Arn"), log[1]!["callerArn"]!.GetValue<string>());

        var noToken = await Agent(null);
        Assert.Equal((HttpStatusCode.BadRequest, "InvalidTokenException"), (noToken.Status, noToken.Json["Code"]!.GetValue<string>()));
        var noAssociation = await Agent(await _emu.ServiceAccountTokenAsync("demo", "payments", "other"));
        Assert.Equal((HttpStatusCode.NotFound, "ResourceNotFoundException"), (noAssociation.Status, noAssociation.Json["Code"]!.GetValue<string>()));
    }
}
