using System.Net;

namespace PodIdentity.Emulator.Tests;

public sealed class IamStsTests : IAsyncLifetime
{
    private const string Trust = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"pods.eks.amazonaws.com"},"Action":"sts:AssumeRole"}]}""";
    private TestEmulator _emu = null!;

    public async Task InitializeAsync() => _emu = await TestEmulator.StartAsync();

    public async Task DisposeAsync() => await _emu.DisposeAsync();

    private Task<Response> Iam(params (string, string)[] form) =>
        _emu.QueryAsync("iam", form.ToDictionary(f => f.Item1, f => f.Item2));

    [Fact]
    public async Task RoleLifecycleWithAwsShapes()
    {
        var created = await Iam(("Action", "CreateRole"), ("RoleName", "app"), ("Path", "/team/"),
            ("AssumeRolePolicyDocument", Trust), ("Tags.member.1.Key", "env"), ("Tags.member.1.Value", "dev"));
        Assert.Equal(HttpStatusCode.OK, created.Status);
        Assert.Equal("CreateRoleResponse", created.Xml.Name.LocalName);
        Assert.Equal("https://iam.amazonaws.com/doc/2010-05-08/", created.Xml.Name.NamespaceName);
        Assert.Equal("arn:aws:iam::123456789012:role/team/app", created.XmlValue("Arn"));
        Assert.Matches("^AROA", created.XmlValue("RoleId"));
        Assert.Equal(Uri.EscapeDataString(Trust), created.XmlValue("AssumeRolePolicyDocument"));
        Assert.NotNull(created.XmlValue("RequestId"));

        Assert.Equal("EntityAlreadyExists", (await Iam(("Action", "CreateRole"), ("RoleName", "app"),
            ("AssumeRolePolicyDocument", Trust))).XmlValue("Code"));
        Assert.Equal("MalformedPolicyDocument", (await Iam(("Action", "CreateRole"), ("RoleName", "bad"),
            ("AssumeRolePolicyDocument", "{not json"))).XmlValue("Code"));

        await Iam(("Action", "TagRole"), ("RoleName", "app"), ("Tags.member.1.Key", "owner"), ("Tags.member.1.Value", "me"));
        await Iam(("Action", "UntagRole"), ("RoleName", "app"), ("TagKeys.member.1", "env"));
        var got = await Iam(("Action", "GetRole"), ("RoleName", "app"));
        Assert.Equal(["owner"], got.Xml.Descendants().Where(e => e.Name.LocalName == "Key").Select(e => e.Value));

        var newTrust = """{"Version":"2012-10-17","Statement":[]}""";
        await Iam(("Action", "UpdateAssumeRolePolicy"), ("RoleName", "app"), ("PolicyDocument", newTrust));
        Assert.Equal(Uri.EscapeDataString(newTrust), (await Iam(("Action", "GetRole"), ("RoleName", "app"))).XmlValue("AssumeRolePolicyDocument"));

        var policy = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess";
        await Iam(("Action", "AttachRolePolicy"), ("RoleName", "app"), ("PolicyArn", policy));
        Assert.Equal(policy, (await Iam(("Action", "ListAttachedRolePolicies"), ("RoleName", "app"))).XmlValue("PolicyArn"));
        var conflict = await Iam(("Action", "DeleteRole"), ("RoleName", "app"));
        Assert.Equal((HttpStatusCode.Conflict, "DeleteConflict"), (conflict.Status, conflict.XmlValue("Code")));
        await Iam(("Action", "DetachRolePolicy"), ("RoleName", "app"), ("PolicyArn", policy));
        Assert.Equal(HttpStatusCode.OK, (await Iam(("Action", "DeleteRole"), ("RoleName", "app"))).Status);
        var gone = await Iam(("Action", "GetRole"), ("RoleName", "app"));
        Assert.Equal((HttpStatusCode.NotFound, "NoSuchEntity", "Sender"), (gone.Status, gone.XmlValue("Code"), gone.XmlValue("Type")));
    }

    [Fact]
    public async Task ListRolesPagesWithMarker()
    {
        var names = new List<string>();
        string? marker = null;
        do
        {
            var form = new List<(string, string)> { ("Action", "ListRoles"), ("MaxItems", "1") };
            if (marker is not null)
            {
                form.Add(("Marker", marker));
            }
            var page = await Iam([.. form]);
            names.AddRange(page.Xml.Descendants().Where(e => e.Name.LocalName == "RoleName").Select(e => e.Value));
            marker = page.XmlValue("IsTruncated") == "true" ? page.XmlValue("Marker") : null;
        }
        while (marker is not null);
        Assert.Equal(["pod-role", "target-role"], names);
    }

    [Fact]
    public async Task AssumeRoleCredentialsAreAcceptedUntilTheyExpire()
    {
        var assumed = await _emu.QueryAsync("sts", new Dictionary<string, string>
        {
            ["Action"] = "AssumeRole", ["RoleArn"] = "arn:aws:iam::123456789012:role/svc/target-role", ["RoleSessionName"] = "s1",
        });
        Assert.Equal(HttpStatusCode.OK, assumed.Status);
        var key = assumed.XmlValue("AccessKeyId")!;
        var secret = assumed.XmlValue("SecretAccessKey")!;
        var token = assumed.XmlValue("SessionToken")!;
        Assert.StartsWith("ASIA", key);

        var who = await _emu.QueryAsync("sts", new Dictionary<string, string> { ["Action"] = "GetCallerIdentity" }, key, secret, token);
        Assert.Equal("arn:aws:sts::123456789012:assumed-role/target-role/s1", who.XmlValue("Arn"));
        Assert.Equal(HttpStatusCode.OK, (await _emu.EksAsync(HttpMethod.Get, "/clusters", accessKey: key, secret: secret, sessionToken: token)).Status);

        var noToken = await _emu.EksAsync(HttpMethod.Get, "/clusters", accessKey: key, secret: secret);
        Assert.Equal((HttpStatusCode.Forbidden, "UnrecognizedClientException"), (noToken.Status, noToken.ErrorType));

        _emu.Host.Context.Store.Write(s => s.Sessions[key].Expiration = DateTimeOffset.UtcNow.AddSeconds(-1));
        var expired = await _emu.QueryAsync("sts", new Dictionary<string, string> { ["Action"] = "GetCallerIdentity" }, key, secret, token);
        Assert.Equal((HttpStatusCode.Forbidden, "ExpiredToken"), (expired.Status, expired.XmlValue("Code")));
    }

    [Fact]
    public async Task AssumingAMissingRoleIsAccessDenied()
    {
        var r = await _emu.QueryAsync("sts", new Dictionary<string, string>
        {
            ["Action"] = "AssumeRole", ["RoleArn"] = "arn:aws:iam::123456789012:role/none", ["RoleSessionName"] = "s1",
        });
        Assert.Equal((HttpStatusCode.Forbidden, "AccessDenied"), (r.Status, r.XmlValue("Code")));
    }

    [Fact]
    public async Task SignatureFailuresUseEachServicesCodes()
    {
        var badSecret = await _emu.EksAsync(HttpMethod.Get, "/clusters", secret: "wrong");
        Assert.Equal((HttpStatusCode.Forbidden, "InvalidSignatureException"), (badSecret.Status, badSecret.ErrorType));
        var unknown = await _emu.EksAsync(HttpMethod.Get, "/clusters", accessKey: "nobody");
        Assert.Equal((HttpStatusCode.Forbidden, "UnrecognizedClientException"), (unknown.Status, unknown.ErrorType));
        var old = await _emu.EksAsync(HttpMethod.Get, "/clusters", at: DateTimeOffset.UtcNow.AddMinutes(-20));
        Assert.Equal((HttpStatusCode.Forbidden, "InvalidSignatureException"), (old.Status, old.ErrorType));
        Assert.Contains("Signature expired", old.Json["message"]!.GetValue<string>());

        var iamBad = await _emu.QueryAsync("iam", new Dictionary<string, string> { ["Action"] = "ListRoles" }, secret: "wrong");
        Assert.Equal((HttpStatusCode.Forbidden, "SignatureDoesNotMatch"), (iamBad.Status, iamBad.XmlValue("Code")));
        var stsUnknown = await _emu.QueryAsync("sts", new Dictionary<string, string> { ["Action"] = "GetCallerIdentity" }, accessKey: "nobody");
        Assert.Equal((HttpStatusCode.Forbidden, "InvalidClientTokenId"), (stsUnknown.Status, stsUnknown.XmlValue("Code")));
        Assert.Equal(HttpStatusCode.OK, (await _emu.EksAsync(HttpMethod.Get, "/clusters", accessKey: "other", secret: "secret2")).Status);
    }
}
