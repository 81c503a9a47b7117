using System.Text.Json.Nodes;
using PodIdentity.Plugin.Framework;
using PodIdentity.Plugin.Values;
using PodIdentity.Provider.Associations;
using PodIdentity.Provider.Shared;
using PodIdentity.TestSupport;
using static PodIdentity.Provider.Tests.Resources.AssociationRig;

namespace PodIdentity.Provider.Tests.Resources;

public sealed class DataSourceTests
{
    [Fact]
    public async Task SingularByServiceAccountListsThenDescribes()
    {
        using var rig = new AssociationRig(new TagPolicy(ignoreKeys: ["owner"]));
        rig.Eks.Ok("ListPodIdentityAssociations", List(Summary(Id)))
            .Ok("DescribePodIdentityAssociation", FakeEks.Association(target: Target, externalId: "ext-1", tags: new JsonObject { ["app"] = "pay", ["owner"] = "x" }));
        var source = new PodIdentityAssociationDataSource();
        source.Configure(rig.Context);
        var config = TestValues.Object(source.Schema.Type, [("cluster_name", "lab"), ("namespace", "payments"), ("service_account", "payments-api")]);
        var response = new DataSourceReadResponse { State = config };
        await source.ReadAsync(new DataSourceReadRequest { Config = config }, response, CancellationToken.None);

        Assert.Empty(response.Diagnostics);
        Assert.Equal(["ListPodIdentityAssociations", "DescribePodIdentityAssociation"], rig.Eks.Requests.Select(r => r.Operation));
        var state = response.State;
        Assert.True(state.IsWhollyKnown);
        Assert.Equal(Id, state.GetString("association_id"));
        Assert.Equal(Role, state.GetString("role_arn"));
        Assert.Equal("ext-1", state.GetString("external_id"));
        Assert.Equal(Tags(("app", "pay")), state.GetStringMap("tags"));
        Assert.Equal("us-west-2", state.GetString("region"));
    }

    [Fact]
    public async Task SingularReportsAMissingServiceAccount()
    {
        using var rig = new AssociationRig();
        rig.Eks.Ok("ListPodIdentityAssociations", List());
        var source = new PodIdentityAssociationDataSource();
        source.Configure(rig.Context);
        var config = TestValues.Object(source.Schema.Type, [("cluster_name", "lab"), ("namespace", "payments"), ("service_account", "nobody")]);
        var response = new DataSourceReadResponse { State = config };
        await source.ReadAsync(new DataSourceReadRequest { Config = config }, response, CancellationToken.None);
        Assert.Contains("nobody", Assert.Single(response.Diagnostics).Detail);
    }

    [Theory]
    [InlineData(true, true, true, "association_id")]
    [InlineData(false, true, false, "service_account")]
    [InlineData(false, false, false, "namespace")]
    public void SingularNeedsExactlyOneKind(bool id, bool ns, bool sa, string errorOn)
    {
        var source = new PodIdentityAssociationDataSource();
        var config = TestValues.Object(source.Schema.Type, [("cluster_name", "lab"), ("association_id", id ? Id : null), ("namespace", ns ? "payments" : null),
            ("service_account", sa ? "payments-api" : null)]);
        var diagnostics = new Diagnostics();
        source.ValidateConfig(new ValidateConfigRequest { Config = config }, diagnostics);
        Assert.Equal(AttributePath.Root.Attribute(errorOn), Assert.Single(diagnostics).Path);
    }

    [Fact]
    public async Task PluralFollowsEveryPage()
    {
        using var rig = new AssociationRig();
        var page1 = List(Summary("a-1"), Summary("a-2"));
        page1["nextToken"] = "t2";
        rig.Eks.Ok("ListPodIdentityAssociations", page1).Ok("ListPodIdentityAssociations", List(Summary("a-3")));
        var source = new PodIdentityAssociationsDataSource();
        source.Configure(rig.Context);
        var config = TestValues.Object(source.Schema.Type, [("cluster_name", "lab"), ("namespace", "payments")]);
        var response = new DataSourceReadResponse { State = config };
        await source.ReadAsync(new DataSourceReadRequest { Config = config }, response, CancellationToken.None);

        Assert.Empty(response.Diagnostics);
        Assert.Equal(2, rig.Eks.Count("ListPodIdentityAssociations"));
        Assert.Contains("nextToken=t2", rig.Eks.Requests[1].Query);
        Assert.All(rig.Eks.Requests, r => Assert.Contains("namespace=payments", r.Query));
        var ids = response.State.GetAttribute("associations").Elements.Select(e => e.GetAttribute("association_id").AsString());
        Assert.Equal(["a-1", "a-2", "a-3"], ids);
        Assert.True(response.State.IsWhollyKnown);
    }

    [Fact]
    public void PluralNeedsANamespaceForAServiceAccountFilter()
    {
        var source = new PodIdentityAssociationsDataSource();
        var config = TestValues.Object(source.Schema.Type, [("cluster_name", "lab"), ("service_account", "payments-api")]);
        var diagnostics = new Diagnostics();
        source.ValidateConfig(new ValidateConfigRequest { Config = config }, diagnostics);
        Assert.Equal(AttributePath.Root.Attribute("namespace"), Assert.Single(diagnostics).Path);
    }

    [Fact]
    public void SchemasAreWellFormed()
    {
        new PodIdentityAssociationResource().Schema.Check("resource");
        new PodIdentityAssociationDataSource().Schema.Check("data");
        new PodIdentityAssociationsDataSource().Schema.Check("data");
    }

    private static JsonObject Summary(string id) => new()
    {
        ["clusterName"] = "lab", ["namespace"] = "payments", ["serviceAccount"] = "payments-api", ["associationId"] = id,
        ["associationArn"] = "arn:aws:eks:us-west-2:123456789012:podidentityassociation/lab/" + id,
    };

    private static JsonObject List(params JsonObject[] items) => new() { ["associations"] = new JsonArray(items) };
}
