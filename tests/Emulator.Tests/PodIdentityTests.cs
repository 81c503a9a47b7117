using System.Net;
using System.Text.Json.Nodes;

namespace PodIdentity.Emulator.Tests;

public sealed class PodIdentityTests : IAsyncLifetime
{
    private TestEmulator _emu = null!;

    public async Task InitializeAsync() => _emu = await TestEmulator.StartAsync();

    public async Task DisposeAsync() => await _emu.DisposeAsync();

    private Task<Response> Create(string sa, object? extra = null)
    {
        var body = new JsonObject { ["namespace"] = "default", ["serviceAccount"] = sa, ["roleArn"] = TestEmulator.PodRole };
        if (extra is not null)
        {
            foreach (var (k, v) in JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(extra))!.AsObject())
            {
                body[k] = v?.DeepClone();
            }
        }
        return _emu.EksAsync(HttpMethod.Post, "/clusters/demo/pod-identity-associations", body);
    }

    [Fact]
    public async Task CreateDescribeListDeleteRoundTrip()
    {
        var created = await Create("app", new { tags = new { team = "blue" } });
        Assert.Equal(HttpStatusCode.OK, created.Status);
        Assert.NotNull(created.RequestId);
        var a = created.Json["association"]!;
        ModelShapes.AssertConforms(created.Json, "CreatePodIdentityAssociationResponse");
        var id = a["associationId"]!.GetValue<string>();
        Assert.Matches("^a-[a-z0-9]{17}$", id);
        Assert.Equal($"arn:aws:eks:us-west-2:123456789012:podidentityassociation/demo/{id}", a["associationArn"]!.GetValue<string>());
        Assert.Equal("blue", a["tags"]!["team"]!.GetValue<string>());
        Assert.Null(a["ownerArn"]);
        Assert.Null(a["externalId"]);

        var described = await _emu.EksAsync(HttpMethod.Get, $"/clusters/demo/pod-identity-associations/{id}");
        Assert.True(JsonNode.DeepEquals(a, described.Json["association"]));

        var listed = await _emu.EksAsync(HttpMethod.Get, "/clusters/demo/pod-identity-associations?namespace=default&serviceAccount=app");
        ModelShapes.AssertConforms(listed.Json, "ListPodIdentityAssociationsResponse");
        Assert.Equal(id, listed.Json["associations"]![0]!["associationId"]!.GetValue<string>());

        var deleted = await _emu.EksAsync(HttpMethod.Delete, $"/clusters/demo/pod-identity-associations/{id}");
        Assert.Equal(id, deleted.Json["association"]!["associationId"]!.GetValue<string>());
        var gone = await _emu.EksAsync(HttpMethod.Get, $"/clusters/demo/pod-identity-associations/{id}");
        Assert.Equal((HttpStatusCode.NotFound, "ResourceNotFoundException"), (gone.Status, gone.ErrorType));
        Assert.NotNull(gone.Json["message"]);
    }

    [Fact]
    public async Task SecondAssociationForTheSameServiceAccountIsInUse()
    {
        Assert.Equal(HttpStatusCode.OK, (await Create("dup")).Status);
        var again = await Create("dup");
        Assert.Equal((HttpStatusCode.Conflict, "ResourceInUseException"), (again.Status, again.ErrorType));
    }

    [Fact]
    public async Task ConcurrentCreatesForOneKeyYieldExactlyOneAssociation()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Create("race")));
        Assert.Single(results, r => r.Status == HttpStatusCode.OK);
        Assert.All(results.Where(r => r.Status != HttpStatusCode.OK), r => Assert.Equal("ResourceInUseException", r.ErrorType));
    }

    [Fact]
    public async Task UnknownClusterIsNotFound()
    {
        var r = await _emu.EksAsync(HttpMethod.Post, "/clusters/nope/pod-identity-associations",
            new { @namespace = "d", serviceAccount = "s", roleArn = TestEmulator.PodRole });
        Assert.Equal((HttpStatusCode.NotFound, "ResourceNotFoundException"), (r.Status, r.ErrorType));
        var otherRegion = await _emu.EksAsync(HttpMethod.Get, "/clusters/demo/pod-identity-associations", region: "us-east-1");
        Assert.Equal(HttpStatusCode.NotFound, otherRegion.Status);
    }

    [Theory]
    [InlineData("arn:aws:iam::123456789012:role/missing")]
    [InlineData("arn:aws:iam::999999999999:role/pod-role")]
    [InlineData("not-an-arn")]
    public async Task RoleMustExistInThisAccount(string role)
    {
        var r = await Create("s", new { roleArn = role });
        Assert.Equal((HttpStatusCode.BadRequest, "InvalidParameterException"), (r.Status, r.ErrorType));
        Assert.Contains("Role provided in the request does not exist", r.Json["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task MissingRequiredMemberIsInvalidParameter()
    {
        var r = await _emu.EksAsync(HttpMethod.Post, "/clusters/demo/pod-identity-associations", new { @namespace = "d" });
        Assert.Equal((HttpStatusCode.BadRequest, "InvalidParameterException"), (r.Status, r.ErrorType));
    }

    [Fact]
    public async Task TargetRoleIssuesAnExternalIdAndEmptyTargetClearsBoth()
    {
        var target = "arn:aws:iam::123456789012:role/svc/target-role";
        var a = (await Create("t", new { targetRoleArn = target })).Json["association"]!;
        Assert.Equal(target, a["targetRoleArn"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(a["externalId"]!.GetValue<string>()));
        var id = a["associationId"]!.GetValue<string>();
        var cleared = await _emu.EksAsync(HttpMethod.Post, $"/clusters/demo/pod-identity-associations/{id}", new { targetRoleArn = "" });
        Assert.Null(cleared.Json["association"]!["targetRoleArn"]);
        Assert.Null(cleared.Json["association"]!["externalId"]);
        Assert.Equal(TestEmulator.PodRole, cleared.Json["association"]!["roleArn"]!.GetValue<string>());
    }

    [Fact]
    public async Task PolicyRequiresDisableSessionTags()
    {
        var policy = """{"Version":"2012-10-17","Statement":[]}""";
        Assert.Equal("InvalidParameterException", (await Create("p", new { policy })).ErrorType);
        Assert.Equal("InvalidParameterException", (await Create("p", new { policy, disableSessionTags = false })).ErrorType);
        var ok = await Create("p", new { policy, disableSessionTags = true });
        Assert.Equal(policy, ok.Json["association"]!["policy"]!.GetValue<string>());
        var id = ok.Json["association"]!["associationId"]!.GetValue<string>();
        var flip = await _emu.EksAsync(HttpMethod.Post, $"/clusters/demo/pod-identity-associations/{id}", new { disableSessionTags = false });
        Assert.Equal("InvalidParameterException", flip.ErrorType);
    }

    [Fact]
    public async Task ClientRequestTokenMakesCreateIdempotent()
    {
        var first = await Create("idem", new { clientRequestToken = "tok-1" });
        var second = await Create("idem", new { clientRequestToken = "tok-1" });
        Assert.Equal(first.Json["association"]!["associationId"]!.GetValue<string>(),
            second.Json["association"]!["associationId"]!.GetValue<string>());
        Assert.Equal("ResourceInUseException", (await Create("idem", new { clientRequestToken = "tok-2" })).ErrorType);
        Assert.Equal("InvalidRequestException", (await Create("other", new { clientRequestToken = "tok-1" })).ErrorType);
    }

    [Fact]
    public async Task UpdateBumpsModifiedAtAndKeepsCreatedAt()
    {
        var a = (await Create("u")).Json["association"]!;
        await Task.Delay(20);
        var id = a["associationId"]!.GetValue<string>();
        var u = (await _emu.EksAsync(HttpMethod.Post, $"/clusters/demo/pod-identity-associations/{id}",
            new { roleArn = "arn:aws:iam::123456789012:role/svc/target-role" })).Json["association"]!;
        Assert.Equal(a["createdAt"]!.GetValue<decimal>(), u["createdAt"]!.GetValue<decimal>());
        Assert.True(u["modifiedAt"]!.GetValue<decimal>() > a["modifiedAt"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task ListValidatesFiltersAndPaginatesWithAnOpaqueToken()
    {
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await Create($"page-{i}")).Status);
        }
        var onlySa = await _emu.EksAsync(HttpMethod.Get, "/clusters/demo/pod-identity-associations?serviceAccount=x");
        Assert.Equal((HttpStatusCode.BadRequest, "InvalidRequestException"), (onlySa.Status, onlySa.ErrorType));
        foreach (var bad in new[] { "0", "101", "abc" })
        {
            Assert.Equal("InvalidParameterException",
                (await _emu.EksAsync(HttpMethod.Get, $"/clusters/demo/pod-identity-associations?maxResults={bad}")).ErrorType);
        }
        Assert.Equal("InvalidParameterException",
            (await _emu.EksAsync(HttpMethod.Get, "/clusters/demo/pod-identity-associations?nextToken=forged")).ErrorType);

        var ids = new List<string>();
        string? token = null;
        do
        {
            var query = "?maxResults=2" + (token is null ? "" : "&nextToken=" + Uri.EscapeDataString(token));
            var page = (await _emu.EksAsync(HttpMethod.Get, "/clusters/demo/pod-identity-associations" + query)).Json;
            Assert.True(page["associations"]!.AsArray().Count <= 2);
            ids.AddRange(page["associations"]!.AsArray().Select(x => x!["associationId"]!.GetValue<string>()));
            token = page["nextToken"]?.GetValue<string>();
        }
        while (token is not null);
        Assert.Equal(5, ids.Distinct().Count());
    }

    [Fact]
    public async Task FiveThousandPerClusterIsTheLimit()
    {
        var seed = """{"clusters":[{"name":"full","region":"us-west-2","version":"1.31"}],"roles":[{"name":"pod-role","assumeRolePolicyDocument":{}}]}""";
        await using var emu = await TestEmulator.StartAsync(seed);
        emu.Host.Context.Store.Write(state =>
        {
            var cluster = state.Regions["us-west-2"].Clusters["full"];
            for (var i = 0; i < 5000; i++)
            {
                Eks.AssociationFactory.Add(cluster, state.AccountId, "ns", $"sa-{i}", TestEmulator.PodRole, DateTimeOffset.UtcNow);
            }
            return 0;
        });
        var r = await emu.EksAsync(HttpMethod.Post, "/clusters/full/pod-identity-associations",
            new { @namespace = "ns", serviceAccount = "one-more", roleArn = TestEmulator.PodRole });
        Assert.Equal((HttpStatusCode.BadRequest, "ResourceLimitExceededException"), (r.Status, r.ErrorType));
    }
}
