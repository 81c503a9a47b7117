using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace PodIdentity.Aws.Clients.Tests;

/// <summary>
/// Every EKS operation the client implements is checked against the official botocore model on disk: HTTP method,
/// URI template, which members travel in the path and query string and under what names, and that the JSON body
/// holds only (and, for what we support, all) the model's body members with the right types.
/// </summary>
public sealed class ModelConformanceTests
{
    private const string Arn = "arn:aws:eks:us-east-1:123456789012:podidentityassociation/my-cluster/a-1";
    private const string AnyResponse = """{"association":{},"addon":{},"update":{},"cluster":{},"tags":{},"associations":[],"addons":[]}""";

    private static readonly Lazy<JsonDocument> Model = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(TestPaths.ModelsDir, "eks-2017-11-01.service-2.json"))));

    public sealed record Case(
        string Operation,
        Func<EksClient, Task> Call,
        Dictionary<string, string> UriValues,
        string[] NotImplemented);

    public static TheoryData<string> Operations() => new(Cases.Keys);

    private static readonly Dictionary<string, Case> Cases = new Case[]
    {
        new("CreatePodIdentityAssociation", c => c.CreatePodIdentityAssociationAsync(
            new("my cluster", "ns", "sa", "arn:aws:iam::1:role/r")
            {
                Tags = new Dictionary<string, string> { ["k"] = "v" }, DisableSessionTags = true,
                TargetRoleArn = "arn:aws:iam::2:role/t", Policy = "{}",
            }, default), new() { ["name"] = "my cluster" }, []),
        new("DescribePodIdentityAssociation", c => c.DescribePodIdentityAssociationAsync("my cluster", "a-1", default),
            new() { ["name"] = "my cluster", ["associationId"] = "a-1" }, []),
        new("UpdatePodIdentityAssociation", c => c.UpdatePodIdentityAssociationAsync(
            new("my cluster", "a-1") { RoleArn = "arn:aws:iam::1:role/r", DisableSessionTags = false, TargetRoleArn = "", Policy = "{}" }, default),
            new() { ["name"] = "my cluster", ["associationId"] = "a-1" }, []),
        new("DeletePodIdentityAssociation", c => c.DeletePodIdentityAssociationAsync("my cluster", "a-1", default),
            new() { ["name"] = "my cluster", ["associationId"] = "a-1" }, []),
        new("ListPodIdentityAssociations", c => c.ListPodIdentityAssociationsAsync(
            new("my cluster") { Namespace = "ns", ServiceAccount = "sa", MaxResults = 5, NextToken = "t" }, default),
            new() { ["name"] = "my cluster" }, []),
        new("TagResource", c => c.TagResourceAsync(Arn, new Dictionary<string, string> { ["k"] = "v" }, default),
            new() { ["resourceArn"] = Arn }, []),
        new("UntagResource", c => c.UntagResourceAsync(Arn, ["a", "b"], default), new() { ["resourceArn"] = Arn }, []),
        new("DescribeCluster", c => c.DescribeClusterAsync("my cluster", default), new() { ["name"] = "my cluster" }, []),
        new("CreateAddon", c => c.CreateAddonAsync(new("my cluster", "vpc-cni")
        {
            AddonVersion = "v1", ServiceAccountRoleArn = "arn:aws:iam::1:role/r", ResolveConflicts = "OVERWRITE",
            Tags = new Dictionary<string, string> { ["k"] = "v" }, ConfigurationValues = "{}",
            PodIdentityAssociations = [new("sa", "arn:aws:iam::1:role/r")], NamespaceConfig = new() { Namespace = "ns" },
        }, default), new() { ["name"] = "my cluster" }, []),
        new("DescribeAddon", c => c.DescribeAddonAsync("my cluster", "vpc-cni", default),
            new() { ["name"] = "my cluster", ["addonName"] = "vpc-cni" }, []),
        new("UpdateAddon", c => c.UpdateAddonAsync(new("my cluster", "vpc-cni")
        {
            AddonVersion = "v2", ServiceAccountRoleArn = "arn:aws:iam::1:role/r", ResolveConflicts = "PRESERVE",
            ConfigurationValues = "{}", PodIdentityAssociations = [new("sa", "arn:aws:iam::1:role/r")],
        }, default), new() { ["name"] = "my cluster", ["addonName"] = "vpc-cni" }, []),
        new("DeleteAddon", c => c.DeleteAddonAsync("my cluster", "vpc-cni", preserve: true, default),
            new() { ["name"] = "my cluster", ["addonName"] = "vpc-cni" }, []),
        new("DescribeUpdate", c => c.DescribeUpdateAsync("my cluster", "u-1", "vpc-cni", default),
            new() { ["name"] = "my cluster", ["updateId"] = "u-1" }, ["nodegroupName", "capabilityName"]),
        new("ListAddons", c => c.ListAddonsAsync("my cluster", 10, "t", default), new() { ["name"] = "my cluster" }, []),
        new("DescribeAddonVersions", c => c.DescribeAddonVersionsAsync(new()
        {
            KubernetesVersion = "1.31", MaxResults = 10, NextToken = "t", AddonName = "vpc-cni",
            Types = ["networking"], Publishers = ["eks"], Owners = ["aws"],
        }, default), [], []),
    }.ToDictionary(c => c.Operation);

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Operation_matches_the_official_model(string operation)
    {
        var test = Cases[operation];
        using var rig = new TestRig(new FakeHttpHandler().Json(AnyResponse));
        await test.Call(rig.Clients.Eks);
        var request = Assert.Single(rig.Handler.Requests);

        var op = Model.Value.RootElement.GetProperty("operations").GetProperty(operation);
        var http = op.GetProperty("http");
        Assert.Equal(http.GetProperty("method").GetString(), request.Method.Method);

        var input = Shape(op.GetProperty("input").GetProperty("shape").GetString()!);
        var members = input.GetProperty("members").EnumerateObject().ToList();
        string? Location(JsonProperty m) => m.Value.TryGetProperty("location", out var l) ? l.GetString() : null;
        string WireName(JsonProperty m) => m.Value.TryGetProperty("locationName", out var n) ? n.GetString()! : m.Name;

        // Path: the template with each {param} replaced by the percent-encoded value.
        var template = http.GetProperty("requestUri").GetString()!.Split('?')[0];
        var names = new List<string>();
        var pattern = "^" + Regex.Replace(Regex.Escape(template), @"\\\{([A-Za-z]+)\+?}", m =>
        {
            names.Add(m.Groups[1].Value);
            return "([^/]+)";
        }) + "$";
        var match = Regex.Match(request.Uri.AbsolutePath, pattern);
        Assert.True(match.Success, $"{request.Uri.AbsolutePath} does not match {template}");
        for (var i = 0; i < names.Count; i++)
        {
            Assert.Contains(members, m => Location(m) == "uri" && WireName(m) == names[i]);
            Assert.Equal(test.UriValues[names[i]], Uri.UnescapeDataString(match.Groups[i + 1].Value));
            Assert.DoesNotContain(":", match.Groups[i + 1].Value);
        }

        Assert.Equal(test.UriValues.Keys.Order(), names.Order());

        // Query string: exactly the model's querystring members we implement, under their locationName.
        var expectedQuery = members.Where(m => Location(m) == "querystring").Select(WireName).Except(test.NotImplemented).Order();
        Assert.Equal(expectedQuery, request.QueryValues().Keys.Order());

        // Body: only body members, correct types; every body member the model has is settable (we set them all).
        var bodyMembers = members.Where(m => Location(m) is null).ToList();
        if (bodyMembers.Count == 0)
        {
            Assert.Equal("", request.Body);
            return;
        }

        using var body = JsonDocument.Parse(request.Body);
        CheckValue(body.RootElement, op.GetProperty("input").GetProperty("shape").GetString()!, operation);
        Assert.Equal(bodyMembers.Select(m => m.Name).Order(), body.RootElement.EnumerateObject().Select(p => p.Name).Order());
        foreach (var required in input.TryGetProperty("required", out var r) ? r.EnumerateArray().Select(x => x.GetString()!) : [])
        {
            var member = members.Single(m => m.Name == required);
            if (Location(member) is null)
            {
                Assert.True(body.RootElement.TryGetProperty(required, out _), $"required member {required} missing");
            }
        }
    }

    [Fact]
    public void Every_implemented_operation_exists_in_the_model_and_is_covered()
    {
        var ops = Model.Value.RootElement.GetProperty("operations");
        foreach (var name in Cases.Keys)
        {
            Assert.True(ops.TryGetProperty(name, out _), name);
        }

        var clientOps = typeof(EksClient).GetMethods()
            .Where(m => m.DeclaringType == typeof(EksClient) && m.Name.EndsWith("Async", StringComparison.Ordinal) && !m.Name.StartsWith("ListAll", StringComparison.Ordinal))
            .Select(m => m.Name[..^"Async".Length]);
        Assert.Equal(clientOps.Order(), Cases.Keys.Order());
    }

    /// <summary>Every member our response records read exists, under that name, in the model's shape.</summary>
    [Theory]
    [InlineData(typeof(PodIdentityAssociation), "PodIdentityAssociation")]
    [InlineData(typeof(PodIdentityAssociationSummary), "PodIdentityAssociationSummary")]
    [InlineData(typeof(Addon), "Addon")]
    [InlineData(typeof(AddonHealth), "AddonHealth")]
    [InlineData(typeof(AddonIssue), "AddonIssue")]
    [InlineData(typeof(MarketplaceInformation), "MarketplaceInformation")]
    [InlineData(typeof(AddonNamespaceConfig), "AddonNamespaceConfigResponse")]
    [InlineData(typeof(AddonNamespaceConfig), "AddonNamespaceConfigRequest")]
    [InlineData(typeof(AddonPodIdentityAssociation), "AddonPodIdentityAssociations")]
    [InlineData(typeof(Update), "Update")]
    [InlineData(typeof(UpdateParam), "UpdateParam")]
    [InlineData(typeof(ErrorDetail), "ErrorDetail")]
    [InlineData(typeof(AddonInfo), "AddonInfo")]
    [InlineData(typeof(AddonVersionInfo), "AddonVersionInfo")]
    [InlineData(typeof(Compatibility), "Compatibility")]
    [InlineData(typeof(Cluster), "Cluster")]
    [InlineData(typeof(ClusterCertificate), "Certificate")]
    public void Response_records_use_the_model_member_names(Type type, string shapeName)
    {
        var members = Shape(shapeName).GetProperty("members");
        foreach (var property in type.GetProperties().Where(p => p.Name != "EqualityContract"))
        {
            var wire = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            Assert.True(members.TryGetProperty(wire, out _), $"{type.Name}.{property.Name} ({wire}) is not in shape {shapeName}");
        }
    }

    private static JsonElement Shape(string name) => Model.Value.RootElement.GetProperty("shapes").GetProperty(name);

    private static void CheckValue(JsonElement value, string shapeName, string path)
    {
        var shape = Shape(shapeName);
        switch (shape.GetProperty("type").GetString())
        {
            case "structure":
                Assert.Equal(JsonValueKind.Object, value.ValueKind);
                var members = shape.GetProperty("members");
                foreach (var p in value.EnumerateObject())
                {
                    Assert.True(members.TryGetProperty(p.Name, out var member), $"{path}.{p.Name} is not in shape {shapeName}");
                    Assert.False(member.TryGetProperty("location", out var location), $"{path}.{p.Name} belongs in the {location}, not the body");
                    CheckValue(p.Value, member.GetProperty("shape").GetString()!, $"{path}.{p.Name}");
                }

                break;
            case "list":
                Assert.Equal(JsonValueKind.Array, value.ValueKind);
                foreach (var item in value.EnumerateArray())
                {
                    CheckValue(item, shape.GetProperty("member").GetProperty("shape").GetString()!, path + "[]");
                }

                break;
            case "map":
                Assert.Equal(JsonValueKind.Object, value.ValueKind);
                foreach (var p in value.EnumerateObject())
                {
                    CheckValue(p.Value, shape.GetProperty("value").GetProperty("shape").GetString()!, $"{path}[{p.Name}]");
                }

                break;
            case "string":
                Assert.Equal(JsonValueKind.String, value.ValueKind);
                break;
            case "boolean":
                Assert.True(value.ValueKind is JsonValueKind.True or JsonValueKind.False, path);
                break;
            case "integer" or "long":
                Assert.Equal(JsonValueKind.Number, value.ValueKind);
                break;
        }
    }
}
