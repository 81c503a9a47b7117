using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace PodIdentity.Emulator.Tests;

public sealed class AdminAndRobustnessTests : IAsyncLifetime
{
    private TestEmulator _emu = null!;

    public async Task InitializeAsync() => _emu = await TestEmulator.StartAsync();

    public async Task DisposeAsync() => await _emu.DisposeAsync();

    private Task<Response> Describe(string id = "a-00000000000000000") =>
        _emu.EksAsync(HttpMethod.Get, $"/clusters/demo/pod-identity-associations/{id}");

    [Fact]
    public async Task HealthAndCallCounts()
    {
        var health = await _emu.AdminAsync(HttpMethod.Get, "health");
        Assert.Equal(HttpStatusCode.OK, health.Status);
        Assert.Equal("ok", health.Json["status"]!.GetValue<string>());
        await Describe();
        await Describe();
        await _emu.QueryAsync("iam", new Dictionary<string, string> { ["Action"] = "GetRole", ["RoleName"] = "pod-role" });
        await _emu.EksAsync(HttpMethod.Get, "/clusters", secret: "wrong"); // never reaches an operation
        var calls = (await _emu.AdminAsync(HttpMethod.Get, "calls")).Json;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"eks:DescribePodIdentityAssociation":2,"iam:GetRole":1}"""), calls));
        Assert.Equal(HttpStatusCode.NoContent, (await _emu.AdminAsync(HttpMethod.Delete, "calls")).Status);
        Assert.Empty((await _emu.AdminAsync(HttpMethod.Get, "calls")).Json.AsObject());
    }

    [Fact]
    public async Task ThrottleAndErrorFaultsCountDown()
    {
        var id = (await _emu.AdminAsync(HttpMethod.Post, "faults",
            """{"action":"throttle","service":"eks","operation":"DescribePodIdentityAssociation","count":2}""")).Json["id"]!.GetValue<string>();
        Assert.Equal("f-1", id);
        for (var i = 0; i < 2; i++)
        {
            var r = await Describe();
            Assert.Equal((HttpStatusCode.TooManyRequests, "ThrottlingException"), (r.Status, r.ErrorType));
        }
        Assert.Equal("ResourceNotFoundException", (await Describe()).ErrorType);

        await _emu.AdminAsync(HttpMethod.Post, "faults", """{"action":"error","service":"eks","operation":"DescribePodIdentityAssociation","count":1,"status":503}""");
        var unavailable = await Describe();
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "ServiceUnavailableException"), (unavailable.Status, unavailable.ErrorType));

        await _emu.AdminAsync(HttpMethod.Post, "faults", """{"action":"throttle","service":"iam","count":1}""");
        var iam = await _emu.QueryAsync("iam", new Dictionary<string, string> { ["Action"] = "GetRole", ["RoleName"] = "pod-role" });
        Assert.Equal((HttpStatusCode.BadRequest, "Throttling"), (iam.Status, iam.XmlValue("Code")));
        await _emu.AdminAsync(HttpMethod.Post, "faults", """{"action":"error","count":1}""");
        var sts = await _emu.QueryAsync("sts", new Dictionary<string, string> { ["Action"] = "GetCallerIdentity" });
        Assert.Equal((HttpStatusCode.InternalServerError, "InternalFailure"), (sts.Status, sts.XmlValue("Code")));

        Assert.Equal(4, (await _emu.AdminAsync(HttpMethod.Get, "faults")).Json.AsArray().Count);
        Assert.Equal(HttpStatusCode.NoContent, (await _emu.AdminAsync(HttpMethod.Delete, "faults/f-1")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await _emu.AdminAsync(HttpMethod.Delete, "faults/f-1")).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await _emu.AdminAsync(HttpMethod.Delete, "faults")).Status);
        Assert.Empty((await _emu.AdminAsync(HttpMethod.Get, "faults")).Json.AsArray());
        Assert.Equal(HttpStatusCode.BadRequest, (await _emu.AdminAsync(HttpMethod.Post, "faults", """{"action":"explode"}""")).Status);
    }

    [Fact]
    public async Task LatencyFaultDelaysTheAnswer()
    {
        await _emu.AdminAsync(HttpMethod.Post, "faults", """{"action":"latency","service":"eks","operation":"DescribePodIdentityAssociation","count":1,"latencyMs":300}""");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await Describe();
        Assert.True(watch.ElapsedMilliseconds >= 280, $"took {watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task NewRolesStayInvisibleToEksDuringPropagationDelay()
    {
        await _emu.AdminAsync(HttpMethod.Post, "faults", """{"action":"iam-propagation-delay","seconds":1}""");
        await _emu.QueryAsync("iam", new Dictionary<string, string>
        {
            ["Action"] = "CreateRole", ["RoleName"] = "fresh", ["AssumeRolePolicyDocument"] = "{}",
        });
        Assert.Equal(HttpStatusCode.OK,
            (await _emu.QueryAsync("iam", new Dictionary<string, string> { ["Action"] = "GetRole", ["RoleName"] = "fresh" })).Status);
        var body = new { @namespace = "n", serviceAccount = "s", roleArn = "arn:aws:iam::123456789012:role/fresh" };
        Assert.Equal("InvalidParameterException", (await _emu.EksAsync(HttpMethod.Post, "/clusters/demo/pod-identity-associations", body)).ErrorType);
        // Seeded roles predate the rule and stay visible.
        Assert.Equal(HttpStatusCode.OK, (await _emu.EksAsync(HttpMethod.Post, "/clusters/demo/pod-identity-associations",
            new { @namespace = "n", serviceAccount = "old", roleArn = TestEmulator.PodRole })).Status);
        await Task.Delay(1100);
        Assert.Equal(HttpStatusCode.OK, (await _emu.EksAsync(HttpMethod.Post, "/clusters/demo/pod-identity-associations", body)).Status);
    }

    [Fact]
    public async Task ResetRestoresTheSeed()
    {
        await _emu.EksAsync(HttpMethod.Post, "/clusters/demo/pod-identity-associations",
            new { @namespace = "n", serviceAccount = "s", roleArn = TestEmulator.PodRole });
        await _emu.AdminAsync(HttpMethod.Post, "faults", """{"action":"throttle"}""");
        Assert.Equal(HttpStatusCode.NoContent, (await _emu.AdminAsync(HttpMethod.Post, "reset")).Status);
        var list = await _emu.EksAsync(HttpMethod.Get, "/clusters/demo/pod-identity-associations");
        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.Empty(list.Json["associations"]!.AsArray());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"eks:ListPodIdentityAssociations":1}"""), (await _emu.AdminAsync(HttpMethod.Get, "calls")).Json));
    }

    [Fact]
    public async Task MalformedRequestsGetAwsShapedAnswersAndTheServerKeepsServing()
    {
        var badJson = await _emu.EksAsync(HttpMethod.Post, "/clusters/demo/pod-identity-associations", "{not json");
        Assert.Equal((HttpStatusCode.BadRequest, "InvalidParameterException"), (badJson.Status, badJson.ErrorType));
        var wrongType = await _emu.EksAsync(HttpMethod.Post, "/clusters/demo/pod-identity-associations",
            """{"namespace":5,"serviceAccount":"s","roleArn":"r"}""");
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.Status);
        var unknownRoute = await _emu.EksAsync(HttpMethod.Get, "/nowhere");
        Assert.Equal((HttpStatusCode.NotFound, "UnknownOperationException"), (unknownRoute.Status, unknownRoute.ErrorType));
        var unknownAction = await _emu.QueryAsync("iam", new Dictionary<string, string> { ["Action"] = "CreateUser" });
        Assert.Equal((HttpStatusCode.BadRequest, "InvalidAction"), (unknownAction.Status, unknownAction.XmlValue("Code")));

        using var unsigned = new HttpRequestMessage(HttpMethod.Get, _emu.BaseUrl + "/clusters");
        var noAuth = await _emu.RawAsync(unsigned);
        Assert.Equal((HttpStatusCode.Forbidden, "MissingAuthenticationTokenException"), (noAuth.Status, noAuth.ErrorType));
        using var unsignedIam = new HttpRequestMessage(HttpMethod.Post, _emu.BaseUrl + "/")
        {
            Content = new StringContent("Action=GetRole&RoleName=x", Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        Assert.Equal("MissingAuthenticationToken", (await _emu.RawAsync(unsignedIam)).XmlValue("Code"));

        using var huge = new HttpRequestMessage(HttpMethod.Post, _emu.BaseUrl + "/clusters/demo/pod-identity-associations")
        {
            Content = new ByteArrayContent(new byte[2 * 1024 * 1024]),
        };
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await _emu.RawAsync(huge)).Status);

        Assert.Equal(HttpStatusCode.OK, (await _emu.AdminAsync(HttpMethod.Get, "health")).Status);
        Assert.Equal(HttpStatusCode.OK, (await _emu.EksAsync(HttpMethod.Get, "/clusters")).Status);
    }
}
