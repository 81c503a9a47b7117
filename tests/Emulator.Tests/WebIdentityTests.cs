using System.Net;
using System.Text.Json.Nodes;

namespace PodIdentity.Emulator.Tests;

/// <summary>STS AssumeRoleWithWebIdentity with the clusters' own service-account tokens, and AssumeRole's trust check.</summary>
public sealed class WebIdentityTests : IAsyncLifetime
{
    private TestEmulator _emu = null!;
    private string _issuer = null!;

    public async Task InitializeAsync()
    {
        _emu = await TestEmulator.StartAsync();
        var cluster = await _emu.EksAsync(HttpMethod.Get, "/clusters/demo");
        _issuer = cluster.Json["cluster"]!["identity"]!["oidc"]!["issuer"]!.GetValue<string>();
    }

    public async Task DisposeAsync() => await _emu.DisposeAsync();

    private string Provider => _issuer["https://".Length..];

    private async Task CreateRoleAsync(string name, string trust)
    {
        var r = await _emu.QueryAsync("iam", new Dictionary<string, string>
        {
            ["Action"] = "CreateRole", ["RoleName"] = name, ["AssumeRolePolicyDocument"] = trust,
        });
        Assert.Equal(HttpStatusCode.OK, r.Status);
    }

    private string FederatedTrust(string subject) => """
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
          "Principal":{"Federated":"arn:aws:iam::123456789012:oidc-provider/PROVIDER"},
          "Action":"sts:AssumeRoleWithWebIdentity",
          "Condition":{"StringEquals":{"PROVIDER:sub":"SUBJECT","PROVIDER:aud":"sts.amazonaws.com"}}}]}
        """.Replace("PROVIDER", Provider, StringComparison.Ordinal).Replace("SUBJECT", subject, StringComparison.Ordinal);

    private Task<Response> AssumeWithTokenAsync(string role, string token) =>
        _emu.UnsignedQueryAsync(new Dictionary<string, string>
        {
            ["Action"] = "AssumeRoleWithWebIdentity",
            ["RoleArn"] = $"arn:aws:iam::123456789012:role/{role}",
            ["RoleSessionName"] = "web-session",
            ["WebIdentityToken"] = token,
        });

    [Fact]
    public async Task TokenClaimsAreTheKubernetesOnes()
    {
        var token = await _emu.ServiceAccountTokenAsync("demo", "payments", "api", "api-7d9f");
        var parts = token.Split('.');
        Assert.Equal(3, parts.Length);
        var header = JsonNode.Parse(Base64Url(parts[0]))!;
        var claims = JsonNode.Parse(Base64Url(parts[1]))!;
        Assert.Equal("RS256", header["alg"]!.GetValue<string>());
        Assert.Equal(_issuer, claims["iss"]!.GetValue<string>());
        Assert.Equal("system:serviceaccount:payments:api", claims["sub"]!.GetValue<string>());
        Assert.Equal("pods.eks.amazonaws.com", claims["aud"]![0]!.GetValue<string>());
        Assert.Equal("payments", claims["kubernetes.io"]!["namespace"]!.GetValue<string>());
        Assert.Equal("api-7d9f", claims["kubernetes.io"]!["pod"]!["name"]!.GetValue<string>());
        Assert.True(Guid.TryParse(claims["kubernetes.io"]!["pod"]!["uid"]!.GetValue<string>(), out _));
        Assert.Equal("api", claims["kubernetes.io"]!["serviceaccount"]!["name"]!.GetValue<string>());
        var lifetime = claims["exp"]!.GetValue<long>() - claims["iat"]!.GetValue<long>();
        Assert.Equal(86400, lifetime);

        var missing = await _emu.AdminAsync(HttpMethod.Post, "clusters/nope/service-account-token",
            """{"namespace":"a","serviceAccount":"b","podName":"c"}""");
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
        var incomplete = await _emu.AdminAsync(HttpMethod.Post, "clusters/demo/service-account-token", """{"namespace":"a"}""");
        Assert.Equal(HttpStatusCode.BadRequest, incomplete.Status);
    }

    [Fact]
    public async Task WebIdentityIssuesSessionCredentialsForATrustedFederatedPrincipal()
    {
        await CreateRoleAsync("web-role", FederatedTrust("system:serviceaccount:payments:api"));
        var token = await _emu.ServiceAccountTokenAsync("demo", "payments", "api", audience: "sts.amazonaws.com");
        var r = await AssumeWithTokenAsync("web-role", token);
        Assert.Equal(HttpStatusCode.OK, r.Status);
        Assert.Equal("AssumeRoleWithWebIdentityResponse", r.Xml.Name.LocalName);
        Assert.Equal("arn:aws:sts::123456789012:assumed-role/web-role/web-session", r.XmlValue("Arn"));
        Assert.Equal("system:serviceaccount:payments:api", r.XmlValue("SubjectFromWebIdentityToken"));
        Assert.Equal($"arn:aws:iam::123456789012:oidc-provider/{Provider}", r.XmlValue("Provider"));
        Assert.Equal("sts.amazonaws.com", r.XmlValue("Audience"));

        var who = await _emu.QueryAsync("sts", new Dictionary<string, string> { ["Action"] = "GetCallerIdentity" },
            r.XmlValue("AccessKeyId")!, r.XmlValue("SecretAccessKey")!, r.XmlValue("SessionToken"));
        Assert.Equal("arn:aws:sts::123456789012:assumed-role/web-role/web-session", who.XmlValue("Arn"));
    }

    [Fact]
    public async Task WebIdentityRefusesWhatAwsRefuses()
    {
        await CreateRoleAsync("web-role", FederatedTrust("system:serviceaccount:payments:api"));
        var otherSubject = await _emu.ServiceAccountTokenAsync("demo", "payments", "worker", audience: "sts.amazonaws.com");
        var denied = await AssumeWithTokenAsync("web-role", otherSubject);
        Assert.Equal((HttpStatusCode.Forbidden, "AccessDenied"), (denied.Status, denied.XmlValue("Code")));
        Assert.Equal("Not authorized to perform sts:AssumeRoleWithWebIdentity", denied.XmlValue("Message"));

        // The pod-identity audience does not meet the condition on sts.amazonaws.com.
        var wrongAudience = await _emu.ServiceAccountTokenAsync("demo", "payments", "api");
        Assert.Equal("AccessDenied", (await AssumeWithTokenAsync("web-role", wrongAudience)).XmlValue("Code"));

        // Another cluster's token names another issuer, which this role does not trust.
        var east = await _emu.ServiceAccountTokenAsync("east", "payments", "api", audience: "sts.amazonaws.com");
        Assert.Equal("AccessDenied", (await AssumeWithTokenAsync("web-role", east)).XmlValue("Code"));

        var good = await _emu.ServiceAccountTokenAsync("demo", "payments", "api", audience: "sts.amazonaws.com");
        var parts = good.Split('.');
        var tampered = parts[0] + "." + parts[1] + "." + parts[2][..^4] + "AAAA";
        var invalid = await AssumeWithTokenAsync("web-role", tampered);
        Assert.Equal((HttpStatusCode.BadRequest, "InvalidIdentityToken"), (invalid.Status, invalid.XmlValue("Code")));
        Assert.Equal("InvalidIdentityToken", (await AssumeWithTokenAsync("web-role", "not-a-jwt")).XmlValue("Code"));

        var shortLived = await _emu.ServiceAccountTokenAsync("demo", "payments", "api", expirationSeconds: 1, audience: "sts.amazonaws.com");
        await Task.Delay(1100);
        var expired = await AssumeWithTokenAsync("web-role", shortLived);
        Assert.Equal((HttpStatusCode.BadRequest, "ExpiredTokenException"), (expired.Status, expired.XmlValue("Code")));
    }

    [Fact]
    public async Task AssumeRoleChecksTheTrustPolicyAndExternalId()
    {
        await CreateRoleAsync("needs-external-id", """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},
              "Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"tenant-42"}}}]}
            """);
        Task<Response> Assume(string role, string? externalId = null)
        {
            var form = new Dictionary<string, string>
            {
                ["Action"] = "AssumeRole", ["RoleArn"] = $"arn:aws:iam::123456789012:role/{role}", ["RoleSessionName"] = "s1",
            };
            if (externalId is not null)
            {
                form["ExternalId"] = externalId;
            }
            return _emu.QueryAsync("sts", form);
        }
        Assert.Equal(HttpStatusCode.OK, (await Assume("needs-external-id", "tenant-42")).Status);
        var wrong = await Assume("needs-external-id", "tenant-43");
        Assert.Equal((HttpStatusCode.Forbidden, "AccessDenied"), (wrong.Status, wrong.XmlValue("Code")));
        Assert.Contains("arn:aws:iam::123456789012:root is not authorized to perform: sts:AssumeRole", wrong.XmlValue("Message"));
        Assert.Equal("AccessDenied", (await Assume("needs-external-id")).XmlValue("Code"));
        // pod-role trusts only pods.eks.amazonaws.com: an account's own keys cannot assume it.
        Assert.Equal("AccessDenied", (await Assume("pod-role")).XmlValue("Code"));
    }

    [Fact]
    public async Task TheCallLogNamesEachCaller()
    {
        Assert.Equal(HttpStatusCode.NoContent, (await _emu.AdminAsync(HttpMethod.Delete, "call-log")).Status);
        var assumed = await _emu.QueryAsync("sts", new Dictionary<string, string>
        {
            ["Action"] = "AssumeRole", ["RoleArn"] = "arn:aws:iam::123456789012:role/svc/target-role", ["RoleSessionName"] = "logged",
        });
        var key = assumed.XmlValue("AccessKeyId")!;
        await _emu.EksAsync(HttpMethod.Get, "/clusters", accessKey: key, secret: assumed.XmlValue("SecretAccessKey")!,
            sessionToken: assumed.XmlValue("SessionToken"));
        await CreateRoleAsync("web-role", FederatedTrust("system:serviceaccount:payments:api"));
        await AssumeWithTokenAsync("web-role", await _emu.ServiceAccountTokenAsync("demo", "payments", "api", audience: "sts.amazonaws.com"));

        var log = (await _emu.AdminAsync(HttpMethod.Get, "call-log")).Json.AsArray();
        var rows = log.Select(e => (e!["service"]!.GetValue<string>(), e["operation"]!.GetValue<string>(),
            e["callerArn"]?.GetValue<string>(), e["accessKeyId"]?.GetValue<string>())).ToList();
        Assert.Equal(
        [
            ("sts", "AssumeRole", "arn:aws:iam::123456789012:root", "test"),
            ("eks", "ListClusters", "arn:aws:sts::123456789012:assumed-role/target-role/logged", key),
            ("iam", "CreateRole", "arn:aws:iam::123456789012:root", "test"),
            ("sts", "AssumeRoleWithWebIdentity", null, null),
        ], rows);
        Assert.True(DateTimeOffset.TryParse(log[0]!["time"]!.GetValue<string>(), out _));

        // Resetting the counters resets the log too, and the other way round.
        Assert.Equal(HttpStatusCode.NoContent, (await _emu.AdminAsync(HttpMethod.Delete, "calls")).Status);
        Assert.Empty((await _emu.AdminAsync(HttpMethod.Get, "call-log")).Json.AsArray());
    }

    private static string Base64Url(string s)
    {
        var b = s.Replace('-', '+').Replace('_', '/');
        return System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(b + new string('=', (4 - b.Length % 4) % 4)));
    }
}
