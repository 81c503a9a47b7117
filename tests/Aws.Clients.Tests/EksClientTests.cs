using System.Text.Json;
using Xunit;

namespace PodIdentity.Aws.Clients.Tests;

public sealed class EksClientTests
{
    private const string AssociationJson = """
        {"association":{"clusterName":"c","namespace":"ns","serviceAccount":"sa","roleArn":"arn:aws:iam::1:role/r",
        "associationArn":"arn:aws:eks:us-east-1:1:podidentityassociation/c/a-1","associationId":"a-1",
        "tags":{"env":"dev"},"createdAt":1700000000.5,"modifiedAt":1700000100,"ownerArn":null,
        "disableSessionTags":true,"targetRoleArn":"arn:aws:iam::2:role/t","externalId":"ext-1","policy":"{}"}}
        """;

    [Fact]
    public async Task Create_fills_a_fresh_client_request_token_and_parses_the_association()
    {
        using var rig = new TestRig(new FakeHttpHandler().Json(AssociationJson));
        var a = await rig.Clients.Eks.CreatePodIdentityAssociationAsync(new("c", "ns", "sa", "arn:aws:iam::1:role/r"), default);
        await rig.Clients.Eks.CreatePodIdentityAssociationAsync(new("c", "ns", "sa", "arn:aws:iam::1:role/r"), default);

        var tokens = rig.Handler.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("clientRequestToken").GetString()).ToList();
        Assert.All(tokens, t => Assert.True(Guid.TryParse(t, out _)));
        Assert.NotEqual(tokens[0], tokens[1]);
        Assert.Equal("application/json", rig.Last.Header("Content-Type"));
        Assert.Equal("https://eks.us-east-1.amazonaws.com/clusters/c/pod-identity-associations", rig.Last.Uri.ToString());

        Assert.Equal("a-1", a.AssociationId);
        Assert.Equal(new DateTimeOffset(2023, 11, 14, 22, 13, 20, 500, TimeSpan.Zero), a.CreatedAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1700000100), a.ModifiedAt);
        Assert.Null(a.OwnerArn);
        Assert.True(a.DisableSessionTags);
        Assert.Equal("ext-1", a.ExternalId);
        Assert.Equal("dev", a.Tags!["env"]);
    }

    [Fact]
    public async Task A_given_client_request_token_is_kept_across_retries()
    {
        using var rig = new TestRig(new FakeHttpHandler().Json("{}", System.Net.HttpStatusCode.ServiceUnavailable).Json(AssociationJson));
        await rig.Clients.Eks.CreatePodIdentityAssociationAsync(new("c", "ns", "sa", "r") { ClientRequestToken = "tok-1" }, default);
        Assert.Equal(2, rig.Handler.Requests.Count);
        Assert.All(rig.Handler.Requests, r => Assert.Contains("\"clientRequestToken\":\"tok-1\"", r.Body));

        using var rig2 = new TestRig(new FakeHttpHandler().Json("{}", System.Net.HttpStatusCode.ServiceUnavailable).Json(AssociationJson));
        await rig2.Clients.Eks.CreatePodIdentityAssociationAsync(new("c", "ns", "sa", "r"), default);
        Assert.Equal(rig2.Handler.Requests[0].Body, rig2.Handler.Requests[1].Body);
    }

    [Fact]
    public async Task Update_sends_an_empty_target_role_to_clear_it_and_omits_unset_members()
    {
        using var rig = new TestRig(new FakeHttpHandler().Json(AssociationJson));
        await rig.Clients.Eks.UpdatePodIdentityAssociationAsync(new("c", "a-1") { TargetRoleArn = "", DisableSessionTags = false }, default);
        var body = JsonDocument.Parse(rig.Last.Body).RootElement;
        Assert.Equal("", body.GetProperty("targetRoleArn").GetString());
        Assert.False(body.GetProperty("disableSessionTags").GetBoolean());
        Assert.False(body.TryGetProperty("roleArn", out _));
        Assert.False(body.TryGetProperty("policy", out _));
        Assert.Equal("/clusters/c/pod-identity-associations/a-1", rig.Last.Uri.AbsolutePath);
        Assert.Equal(HttpMethod.Post, rig.Last.Method);
    }

    [Fact]
    public async Task Tag_paths_carry_the_arn_percent_encoded_and_untag_repeats_keys()
    {
        const string arn = "arn:aws:eks:us-east-1:123456789012:cluster/my-cluster";
        using var rig = new TestRig(new FakeHttpHandler().Json("{}"));
        await rig.Clients.Eks.UntagResourceAsync(arn, ["a", "b c"], default);
        Assert.Equal("/tags/arn%3Aaws%3Aeks%3Aus-east-1%3A123456789012%3Acluster%2Fmy-cluster", rig.Last.Uri.AbsolutePath);
        Assert.Equal("tagKeys=a&tagKeys=b%20c", rig.Last.Uri.Query.TrimStart('?'));
        Assert.Equal(HttpMethod.Delete, rig.Last.Method);
    }

    [Fact]
    public async Task List_all_walks_every_page_with_the_same_filters()
    {
        var handler = new FakeHttpHandler()
            .Json("""{"associations":[{"associationId":"a-1"},{"associationId":"a-2"}],"nextToken":"p2"}""")
            .Json("""{"associations":[{"associationId":"a-3"}],"nextToken":"p3"}""")
            .Json("""{"associations":[],"nextToken":null}""");
        using var rig = new TestRig(handler);
        var ids = new List<string?>();
        await foreach (var s in rig.Clients.Eks.ListAllPodIdentityAssociationsAsync(new("c") { Namespace = "ns" }, default))
        {
            ids.Add(s.AssociationId);
        }

        Assert.Equal(["a-1", "a-2", "a-3"], ids);
        Assert.Equal(3, handler.Requests.Count);
        Assert.False(handler.Requests[0].QueryValues().ContainsKey("nextToken"));
        Assert.Equal("p2", handler.Requests[1].QueryValues()["nextToken"].Single());
        Assert.Equal("p3", handler.Requests[2].QueryValues()["nextToken"].Single());
        Assert.All(handler.Requests, r => Assert.Equal("ns", r.QueryValues()["namespace"].Single()));
    }

    [Fact]
    public async Task Delete_addon_sends_preserve_only_when_asked()
    {
        using var rig = new TestRig(new FakeHttpHandler().Json("""{"addon":{"addonName":"vpc-cni","status":"DELETING"}}"""));
        var addon = await rig.Clients.Eks.DeleteAddonAsync("c", "vpc-cni", preserve: true, default);
        Assert.Equal("preserve=true", rig.Last.Uri.Query.TrimStart('?'));
        Assert.Equal("DELETING", addon?.Status);
        await rig.Clients.Eks.DeleteAddonAsync("c", "vpc-cni", preserve: false, default);
        Assert.Equal("", rig.Last.Uri.Query);
    }

    [Fact]
    public async Task Addon_and_update_shapes_parse()
    {
        var handler = new FakeHttpHandler()
            .Json("""{"addon":{"addonName":"vpc-cni","clusterName":"c","status":"ACTIVE","addonVersion":"v1.18.0-eksbuild.1","health":{"issues":[{"code":"ConfigurationConflict","message":"m","resourceIds":["x"]}]},"podIdentityAssociations":["arn:a"],"createdAt":1700000000}}""")
            .Json("""{"update":{"id":"u-1","status":"Successful","type":"AddonUpdate","params":[{"type":"AddonVersion","value":"v2"}],"createdAt":1700000000,"errors":[]}}""");
        using var rig = new TestRig(handler);
        var addon = await rig.Clients.Eks.DescribeAddonAsync("c", "vpc-cni", default);
        Assert.Equal("ConfigurationConflict", addon.Health!.Issues![0].Code);
        Assert.Equal(["arn:a"], addon.PodIdentityAssociations!);

        var update = await rig.Clients.Eks.DescribeUpdateAsync("c", "u-1", "vpc-cni", default);
        Assert.Equal("Successful", update.Status);
        Assert.Equal("v2", update.Params![0].Value);
        Assert.Equal("addonName=vpc-cni", rig.Last.Uri.Query.TrimStart('?'));
    }

    [Fact]
    public async Task Empty_path_parameters_are_refused_before_sending()
    {
        using var rig = new TestRig(new FakeHttpHandler().Json("{}"));
        await Assert.ThrowsAsync<ArgumentException>(() => rig.Clients.Eks.DescribeClusterAsync("", default));
        Assert.Empty(rig.Handler.Requests);
    }

    [Fact]
    public async Task User_agent_names_the_provider_and_no_secret_is_in_any_header()
    {
        using var rig = new TestRig(new FakeHttpHandler().Json("""{"cluster":{"name":"c","status":"ACTIVE","createdAt":1.5}}"""));
        var cluster = await rig.Clients.Eks.DescribeClusterAsync("c", default);
        Assert.Equal("ACTIVE", cluster.Status);
        Assert.StartsWith("terraform-provider-aws/", rig.Last.Header("User-Agent"));
        Assert.Contains("podidentity/aws", rig.Last.Header("User-Agent"));
        Assert.DoesNotContain(rig.Last.Headers.Values, v => v.Contains(TestRig.SecretKey));
    }
}
