using System.Net;
using System.Text.Json.Nodes;

namespace PodIdentity.Emulator.Tests;

public sealed class TaggingAndClusterTests : IAsyncLifetime
{
    private const string ClusterArn = "arn:aws:eks:us-west-2:123456789012:cluster/demo";
    private TestEmulator _emu = null!;

    public async Task InitializeAsync() => _emu = await TestEmulator.StartAsync();

    public async Task DisposeAsync() => await _emu.DisposeAsync();

    private static string TagPath(string arn, string query = "") => "/tags/" + Uri.EscapeDataString(arn) + query;

    [Fact]
    public async Task TagsAnAssociationThroughItsEncodedArn()
    {
        var a = (await _emu.EksAsync(HttpMethod.Post, "/clusters/demo/pod-identity-associations",
            new { @namespace = "n", serviceAccount = "s", roleArn = TestEmulator.PodRole })).Json["association"]!;
        var arn = a["associationArn"]!.GetValue<string>();
        var tag = await _emu.EksAsync(HttpMethod.Post, TagPath(arn), new { tags = new Dictionary<string, string> { ["a/b:c"] = "1", ["x"] = "2" } });
        Assert.Equal(HttpStatusCode.OK, tag.Status);
        var untag = await _emu.EksAsync(HttpMethod.Delete, TagPath(arn, "?tagKeys=x"));
        Assert.Equal(HttpStatusCode.OK, untag.Status);
        var list = await _emu.EksAsync(HttpMethod.Get, TagPath(arn));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"tags":{"a/b:c":"1"}}"""), list.Json));
    }

    [Fact]
    public async Task TaggingErrorsAndLimits()
    {
        var tooMany = Enumerable.Range(0, 51).ToDictionary(i => $"k{i}", i => "v");
        Assert.Equal("BadRequestException", (await _emu.EksAsync(HttpMethod.Post, TagPath(ClusterArn), new { tags = tooMany })).ErrorType);
        Assert.Equal("BadRequestException", (await _emu.EksAsync(HttpMethod.Post, TagPath(ClusterArn),
            new { tags = new Dictionary<string, string> { ["aws:x"] = "v" } })).ErrorType);
        Assert.Equal("BadRequestException", (await _emu.EksAsync(HttpMethod.Post, TagPath(ClusterArn),
            new { tags = new Dictionary<string, string> { [new string('k', 129)] = "v" } })).ErrorType);
        Assert.Equal("BadRequestException", (await _emu.EksAsync(HttpMethod.Post, TagPath(ClusterArn),
            new { tags = new Dictionary<string, string> { ["k"] = new string('v', 257) } })).ErrorType);
        Assert.Equal(HttpStatusCode.OK, (await _emu.EksAsync(HttpMethod.Post, TagPath(ClusterArn),
            new { tags = new Dictionary<string, string> { [new string('k', 128)] = new string('v', 256) } })).Status);
        Assert.Equal("BadRequestException", (await _emu.EksAsync(HttpMethod.Get, TagPath("not-an-arn"))).ErrorType);
        var missing = await _emu.EksAsync(HttpMethod.Get, TagPath("arn:aws:eks:us-west-2:123456789012:cluster/nope"));
        Assert.Equal((HttpStatusCode.NotFound, "NotFoundException"), (missing.Status, missing.ErrorType));
    }

    [Fact]
    public async Task ClusterLifecycleAndRegions()
    {
        var create = await _emu.EksAsync(HttpMethod.Post, "/clusters", new
        {
            name = "new-one", roleArn = "arn:aws:iam::123456789012:role/c", resourcesVpcConfig = new { subnetIds = new[] { "subnet-1" } },
            tags = new { env = "dev" },
        });
        Assert.Equal(HttpStatusCode.OK, create.Status);
        ModelShapes.AssertConforms(create.Json, "CreateClusterResponse");
        Assert.Equal("CREATING", create.Json["cluster"]!["status"]!.GetValue<string>());
        await Task.Delay(400);
        var described = await _emu.EksAsync(HttpMethod.Get, "/clusters/new-one");
        Assert.Equal("ACTIVE", described.Json["cluster"]!["status"]!.GetValue<string>());
        Assert.Equal("ResourceInUseException", (await _emu.EksAsync(HttpMethod.Post, "/clusters", new
        {
            name = "new-one", roleArn = "arn:aws:iam::123456789012:role/c", resourcesVpcConfig = new { },
        })).ErrorType);
        Assert.Equal("InvalidParameterException", (await _emu.EksAsync(HttpMethod.Post, "/clusters", new { name = "x" })).ErrorType);

        var list = await _emu.EksAsync(HttpMethod.Get, "/clusters");
        Assert.Equal(["demo", "new-one"], list.Json["clusters"]!.AsArray().Select(n => n!.GetValue<string>()));
        var east = await _emu.EksAsync(HttpMethod.Get, "/clusters", region: "us-east-1");
        Assert.Equal(["east"], east.Json["clusters"]!.AsArray().Select(n => n!.GetValue<string>()));

        Assert.Equal(HttpStatusCode.OK, (await _emu.EksAsync(HttpMethod.Delete, "/clusters/new-one")).Status);
        Assert.Equal("ResourceNotFoundException", (await _emu.EksAsync(HttpMethod.Get, "/clusters/new-one")).ErrorType);
    }
}
