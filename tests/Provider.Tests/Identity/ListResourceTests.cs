using System.Net;
using System.Text.Json.Nodes;
using PodIdentity.Plugin.Framework;
using PodIdentity.Plugin.Values;
using PodIdentity.Provider.Tests.Resources;
using PodIdentity.TestSupport;
using static PodIdentity.Provider.Tests.Resources.AssociationRig;

namespace PodIdentity.Provider.Tests.Identity;

public sealed class ListResourceTests
{
    private const string ListAssociations = "ListPodIdentityAssociations";
    private const string ListAddons = "GET /clusters/lab/addons";

    private static IListResource ListOf(string type, object context)
    {
        var list = (IListResourceWithConfigure)new AwsProvider().ListResources.Single(l => l.TypeName == type);
        list.Configure(context);
        return list;
    }

    private static CtyValue Config(IListResource list, params (string Name, object? Value)[] set) => TestValues.Object(list.ConfigSchema.Type, set);

    [Theory]
    [InlineData(null, "payments-api", true)]
    [InlineData("payments", "payments-api", false)]
    [InlineData("payments", null, false)]
    public void TheListResourceAndTheDataSourceRequireANamespaceForAServiceAccountAlike(string? ns, string? serviceAccount, bool error)
    {
        var list = (IListResourceWithValidateConfig)new AwsProvider().ListResources.Single(l => l.TypeName == "aws_eks_pod_identity_association");
        var source = (IDataSourceWithValidateConfig)new AwsProvider().DataSources.Single(d => d.TypeName == "aws_eks_pod_identity_associations");
        foreach (var (type, validate) in new (ObjectType, Action<ValidateConfigRequest, Diagnostics>)[]
        {
            (list.ConfigSchema.Type, list.ValidateConfig),
            (source.Schema.Type, source.ValidateConfig),
        })
        {
            var diagnostics = new Diagnostics();
            validate(new ValidateConfigRequest
            {
                Config = TestValues.Object(type, ("cluster_name", "lab"), ("namespace", ns), ("service_account", serviceAccount)),
            }, diagnostics);
            Assert.Equal(error, diagnostics.HasErrors);
            Assert.All(diagnostics, d => Assert.Equal(AttributePath.Root.Attribute("namespace"), d.Path));
        }

        Assert.Equal(
            source.Schema.FindAttribute("service_account")!.Description,
            list.ConfigSchema.FindAttribute("service_account")!.Description);
    }

    private static async Task<List<ListResult>> Run(IListResource list, CtyValue config, bool include = false, long limit = 100)
    {
        var results = new List<ListResult>();
        await foreach (var r in list.ListAsync(new ListRequest { Config = config, IncludeResourceObject = include, Limit = limit }, CancellationToken.None))
        {
            results.Add(r);
        }

        return results;
    }

    private static JsonObject Summary(string id, string ns = "payments", string sa = "payments-api") => new()
    {
        ["clusterName"] = "lab", ["namespace"] = ns, ["serviceAccount"] = sa, ["associationId"] = id,
        ["associationArn"] = "arn:aws:eks:us-west-2:123456789012:podidentityassociation/lab/" + id,
    };

    private static JsonObject Page(string? next, params JsonObject[] items)
    {
        var page = new JsonObject { ["associations"] = new JsonArray(items) };
        if (next is not null)
        {
            page["nextToken"] = next;
        }

        return page;
    }

    [Fact]
    public async Task Associations_are_listed_page_by_page_with_the_api_filters_and_no_describe()
    {
        using var rig = new AssociationRig();
        rig.Eks.Ok(ListAssociations, Page("t2", Summary("a-1"), Summary("a-2"))).Ok(ListAssociations, Page(null, Summary("a-3")));
        var list = ListOf("aws_eks_pod_identity_association", rig.Context);

        var results = await Run(list, Config(list, ("cluster_name", "lab"), ("namespace", "payments"), ("service_account", "payments-api")));

        Assert.Equal(["payments/payments-api (a-1)", "payments/payments-api (a-2)", "payments/payments-api (a-3)"], results.Select(r => r.DisplayName));
        Assert.All(results, r => Assert.Null(r.ResourceObject));
        Assert.All(results, r => Assert.Empty(r.Diagnostics));
        var identity = results[2].Identity!;
        Assert.Equal("123456789012", identity.GetString("account_id"));
        Assert.Equal("us-west-2", identity.GetString("region"));
        Assert.Equal("lab", identity.GetString("cluster_name"));
        Assert.Equal("a-3", identity.GetString("association_id"));
        Assert.Equal([ListAssociations, ListAssociations], rig.Eks.Requests.Select(r => r.Operation));
        Assert.All(rig.Eks.Requests, r => Assert.Contains("namespace=payments", r.Query, StringComparison.Ordinal));
        Assert.All(rig.Eks.Requests, r => Assert.Contains("serviceAccount=payments-api", r.Query, StringComparison.Ordinal));
        Assert.Contains("nextToken=t2", rig.Eks.Requests[1].Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Included_association_objects_are_exactly_what_read_stores_after_import()
    {
        using var rig = new AssociationRig();
        rig.Eks.Ok(ListAssociations, Page(null, Summary(Id)))
            .Ok("DescribePodIdentityAssociation", FakeEks.Association(target: Target, externalId: "ext-1"));
        var list = ListOf("aws_eks_pod_identity_association", rig.Context);

        var result = Assert.Single(await Run(list, Config(list, ("cluster_name", "lab")), include: true));
        var imported = new ImportStateResponse { State = ValueAccess.EmptyObject(rig.Type) };
        await rig.Resource.ImportStateAsync(new ImportStateRequest { Id = $"lab,{Id}" }, imported, CancellationToken.None);
        var read = new ReadResponse { State = imported.State };
        await rig.Resource.ReadAsync(new ReadRequest { State = imported.State }, read, CancellationToken.None);

        Assert.Equal(read.State, result.ResourceObject);
        Assert.Equal(read.Identity, result.Identity);
        Assert.Equal(Target, result.ResourceObject!.GetString("target_role_arn"));
        Assert.Equal(1, rig.Eks.Count(ListAssociations));
    }

    [Fact]
    public async Task A_small_limit_asks_eks_for_no_more_per_page()
    {
        using var rig = new AssociationRig();
        rig.Eks.Ok(ListAssociations, Page("t2", Summary("a-1"), Summary("a-2")));
        var list = ListOf("aws_eks_pod_identity_association", rig.Context);

        await Run(list, Config(list, ("cluster_name", "lab")), limit: 2);

        Assert.Contains("maxResults=2", rig.Eks.Requests[0].Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_api_error_while_paging_is_the_last_result_after_what_was_found()
    {
        using var rig = new AssociationRig();
        rig.Eks.Ok(ListAssociations, Page("t2", Summary("a-1")))
            .Error(ListAssociations, HttpStatusCode.Forbidden, "AccessDeniedException", "not allowed to list");
        var list = ListOf("aws_eks_pod_identity_association", rig.Context);

        var results = await Run(list, Config(list, ("cluster_name", "lab")));

        Assert.Equal(2, results.Count);
        Assert.Empty(results[0].Diagnostics);
        var error = Assert.Single(results[1].Diagnostics);
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.Contains("not allowed to list", error.Detail, StringComparison.Ordinal);
        Assert.Contains("AccessDeniedException", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Addons_are_listed_page_by_page_and_described_only_when_asked()
    {
        using var rig = new AddonRig(skipAgentCheck: true);
        rig.Eks.Ok(ListAddons, new JsonObject { ["addons"] = new JsonArray("eks-pod-identity-agent"), ["nextToken"] = "n2" })
            .Ok(ListAddons, new JsonObject { ["addons"] = new JsonArray("eks-pod-identity-agent") })
            .Ok(AddonRig.DescribeAgent, AddonRig.Addon("ACTIVE"));
        var list = ListOf("aws_eks_addon", rig.Context);

        var results = await Run(list, Config(list, ("cluster_name", "lab")), include: true);

        Assert.Equal(["lab:eks-pod-identity-agent", "lab:eks-pod-identity-agent"], results.Select(r => r.DisplayName));
        Assert.Equal("eks-pod-identity-agent", results[0].Identity!.GetString("addon_name"));
        Assert.Equal(AddonRig.AgentArn, results[0].ResourceObject!.GetString("arn"));
        Assert.Equal("ACTIVE", results[1].ResourceObject!.GetString("status"));
        Assert.Contains("nextToken=n2", rig.Eks.Of(ListAddons).ElementAt(1).Query, StringComparison.Ordinal);
        Assert.Equal(2, rig.Eks.Count(AddonRig.DescribeAgent));
    }

    [Fact]
    public async Task Addons_without_include_make_no_describe_calls()
    {
        using var rig = new AddonRig(skipAgentCheck: true);
        rig.Eks.Ok(ListAddons, new JsonObject { ["addons"] = new JsonArray("eks-pod-identity-agent", "vpc-cni") });
        var list = ListOf("aws_eks_addon", rig.Context);

        var results = await Run(list, Config(list, ("cluster_name", "lab"), ("region", "us-west-2")));

        Assert.Equal(["eks-pod-identity-agent", "vpc-cni"], results.Select(r => r.Identity!.GetString("addon_name")));
        Assert.Equal([ListAddons], rig.Eks.Requests.Select(r => r.Operation));
    }

    [Fact]
    public void List_config_schemas_are_described()
    {
        foreach (var list in new AwsProvider().ListResources)
        {
            Assert.False(string.IsNullOrWhiteSpace(list.ConfigSchema.Description));
            Assert.All(list.ConfigSchema.Attributes, a => Assert.False(string.IsNullOrWhiteSpace(a.Description)));
            Assert.True(list.ConfigSchema.FindAttribute("cluster_name")!.Required);
        }
    }
}
