using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using PodIdentity.Emulator.Eks;

namespace PodIdentity.Emulator.Tests;

/// <summary>Every EKS route against the official botocore model: method, URI, members and declared errors.</summary>
public sealed class RouteCheckTests
{
    private static readonly JsonObject Model = LoadModel();

    private static JsonObject LoadModel([CallerFilePath] string source = "")
    {
        var path = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(source)!, "../../../shared/aws-models/eks-2017-11-01.service-2.json"));
        return JsonNode.Parse(File.ReadAllText(path))!.AsObject();
    }

    public static TheoryData<string> Operations() => new(EksRoutes.All.Select(r => r.Operation));

    private static JsonObject Operation(string name) =>
        Model["operations"]![name]?.AsObject() ?? throw new InvalidOperationException($"{name} is not in the model");

    [Theory]
    [MemberData(nameof(Operations))]
    public void MethodAndUriMatchTheModel(string name)
    {
        var route = EksRoutes.All.Single(r => r.Operation == name);
        var http = Operation(name)["http"]!;
        Assert.Equal(http["method"]!.GetValue<string>(), route.Method);
        Assert.Equal(http["requestUri"]!.GetValue<string>(), route.UriTemplate);
        Assert.Null(http["responseCode"]); // every one of these answers 200, which the dispatcher sends
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public void DeclaredErrorsAreTheModelsErrors(string name)
    {
        var route = EksRoutes.All.Single(r => r.Operation == name);
        var modelErrors = Operation(name)["errors"]!.AsArray().Select(e => e!["shape"]!.GetValue<string>()).ToHashSet();
        Assert.All(route.Errors, e => Assert.Contains(e, modelErrors));
        Assert.Contains(route.ClientErrorCode, modelErrors);
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public void UriLabelsAreTheModelsUriMembers(string name)
    {
        var route = EksRoutes.All.Single(r => r.Operation == name);
        var input = Model["shapes"]![Operation(name)["input"]!["shape"]!.GetValue<string>()]!["members"]!.AsObject();
        var uriMembers = input.Where(m => m.Value!["location"]?.GetValue<string>() == "uri")
            .Select(m => m.Value!["locationName"]!.GetValue<string>()).Order().ToList();
        var labels = route.UriTemplate.Split('/').Where(s => s.StartsWith('{')).Select(s => s[1..^1]).Order().ToList();
        Assert.Equal(uriMembers, labels);
    }

    [Fact]
    public void ErrorShapesCarryTheStatusTheEmulatorSends()
    {
        var statuses = new Dictionary<string, int>
        {
            ["ResourceNotFoundException"] = 404, ["InvalidParameterException"] = 400, ["InvalidRequestException"] = 400,
            ["ResourceInUseException"] = 409, ["ResourceLimitExceededException"] = 400, ["BadRequestException"] = 400,
            ["NotFoundException"] = 404, ["ClientException"] = 400, ["ServerException"] = 500,
            ["ServiceUnavailableException"] = 503, ["ThrottlingException"] = 429,
        };
        foreach (var (shape, status) in statuses)
        {
            Assert.Equal(status, Model["shapes"]![shape]!["error"]!["httpStatusCode"]!.GetValue<int>());
        }
    }

    [Fact]
    public void ServesEveryOperationTheIssueNames()
    {
        string[] required =
        [
            "CreatePodIdentityAssociation", "DescribePodIdentityAssociation", "UpdatePodIdentityAssociation",
            "DeletePodIdentityAssociation", "ListPodIdentityAssociations", "TagResource", "UntagResource",
            "ListTagsForResource", "CreateCluster", "DescribeCluster", "ListClusters", "DeleteCluster", "CreateAddon",
            "DescribeAddon", "ListAddons", "UpdateAddon", "DeleteAddon", "DescribeUpdate", "DescribeAddonVersions",
            "DescribeAddonConfiguration",
        ];
        Assert.Equal(required.Order(), EksRoutes.All.Select(r => r.Operation).Order());
    }
}
