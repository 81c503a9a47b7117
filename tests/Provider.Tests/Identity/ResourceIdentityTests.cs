using System.Net;
using PodIdentity.Plugin.Framework;
using PodIdentity.Plugin.Values;
using PodIdentity.Provider.Tests.Resources;
using PodIdentity.TestSupport;
using static PodIdentity.Provider.Tests.Resources.AssociationRig;

namespace PodIdentity.Provider.Tests.Identity;

public sealed class ResourceIdentityTests
{
    private const string Account = "123456789012";

    private static CtyValue Identity(IResourceWithIdentity resource, params (string Name, object? Value)[] set) =>
        TestValues.Object(resource.IdentitySchema.Type, set);

    private static CtyValue AssociationIdentity(IResourceWithIdentity resource, string region = "us-west-2") =>
        Identity(resource, ("account_id", Account), ("region", region), ("cluster_name", "lab"), ("association_id", Id));

    private static CtyValue AddonIdentity(IResourceWithIdentity resource) =>
        Identity(resource, ("account_id", Account), ("region", "us-west-2"), ("cluster_name", "lab"), ("addon_name", "eks-pod-identity-agent"));

    [Theory]
    [InlineData("aws_eks_pod_identity_association", "association_id")]
    [InlineData("aws_eks_addon", "addon_name")]
    public void Identity_schemas_use_the_official_providers_names(string type, string key)
    {
        var resource = (IResourceWithIdentity)new AwsProvider().Resources.Single(r => r.TypeName == type);

        var attributes = resource.IdentitySchema.Attributes;
        Assert.Equal(["account_id", "region", "cluster_name", key], attributes.Select(a => a.Name));
        Assert.Equal([false, false, true, true], attributes.Select(a => a.RequiredForImport));
        Assert.All(attributes, a => Assert.Equal(CtyType.String, a.Type));
        Assert.All(attributes, a => Assert.False(string.IsNullOrWhiteSpace(a.Description)));
        Assert.Equal(0, resource.IdentitySchema.Version);
    }

    [Fact]
    public async Task Association_create_answers_its_identity_with_the_providers_account_and_region()
    {
        using var rig = new AssociationRig();
        rig.Eks.Ok("CreatePodIdentityAssociation", FakeEks.Association());
        var config = rig.Config();
        var plan = (await rig.PlanAsync(config)).Plan;

        var response = new CreateResponse { State = plan };
        await rig.Resource.CreateAsync(new CreateRequest { Config = config, Plan = plan }, response, CancellationToken.None);

        Assert.Empty(response.Diagnostics);
        Assert.Equal(AssociationIdentity(rig.Resource), response.Identity);
    }

    [Fact]
    public async Task Association_read_answers_an_identity_for_state_from_before_identities()
    {
        using var rig = new AssociationRig();
        rig.Eks.Ok("DescribePodIdentityAssociation", FakeEks.Association());

        var response = new ReadResponse { State = rig.State() };
        await rig.Resource.ReadAsync(new ReadRequest { State = rig.State() }, response, CancellationToken.None);

        Assert.Empty(response.Diagnostics);
        Assert.Equal(AssociationIdentity(rig.Resource), response.Identity);
    }

    [Fact]
    public async Task Association_update_answers_the_same_identity_when_the_client_sent_none()
    {
        using var rig = new AssociationRig();
        rig.Eks.Ok("UpdatePodIdentityAssociation", FakeEks.Association(role: OtherRole));
        var prior = rig.State();
        var plan = rig.State(("role_arn", OtherRole));

        var response = new UpdateResponse { State = plan };
        await rig.Resource.UpdateAsync(new UpdateRequest { Config = rig.Config(("role_arn", OtherRole)), Plan = plan, PriorState = prior }, response, CancellationToken.None);

        Assert.Empty(response.Diagnostics);
        Assert.Equal(AssociationIdentity(rig.Resource), response.Identity);
    }

    [Fact]
    public async Task Association_import_by_identity_defaults_account_and_region_and_reads_like_import_by_id()
    {
        using var rig = new AssociationRig();
        var given = Identity(rig.Resource, ("cluster_name", "lab"), ("association_id", Id));

        var byIdentity = new ImportStateResponse { State = ValueAccess.EmptyObject(rig.Type) };
        await rig.Resource.ImportStateAsync(new ImportStateRequest { Id = "", Identity = given }, byIdentity, CancellationToken.None);
        var byId = new ImportStateResponse { State = ValueAccess.EmptyObject(rig.Type) };
        await rig.Resource.ImportStateAsync(new ImportStateRequest { Id = $"lab,{Id}" }, byId, CancellationToken.None);

        Assert.Empty(byIdentity.Diagnostics);
        Assert.Equal(byId.State, byIdentity.State);
        Assert.Equal("us-west-2", byIdentity.State.GetString("region"));
        Assert.Equal(AssociationIdentity(rig.Resource), byIdentity.Identity);
        Assert.Equal(byIdentity.Identity, byId.Identity);
        Assert.Empty(rig.Eks.Requests);
    }

    [Fact]
    public async Task Association_import_by_identity_in_another_region_keeps_that_region()
    {
        using var rig = new AssociationRig();
        var given = Identity(rig.Resource, ("region", "eu-west-1"), ("cluster_name", "lab"), ("association_id", Id));

        var response = new ImportStateResponse { State = ValueAccess.EmptyObject(rig.Type) };
        await rig.Resource.ImportStateAsync(new ImportStateRequest { Id = "", Identity = given }, response, CancellationToken.None);

        Assert.Equal("eu-west-1", response.State.GetString("region"));
        Assert.Equal(AssociationIdentity(rig.Resource, "eu-west-1"), response.Identity);
    }

    [Fact]
    public async Task Import_by_identity_of_another_account_is_refused_on_account_id()
    {
        using var rig = new AssociationRig();
        var given = Identity(rig.Resource, ("account_id", "210987654321"), ("cluster_name", "lab"), ("association_id", Id));

        var response = new ImportStateResponse { State = ValueAccess.EmptyObject(rig.Type) };
        await rig.Resource.ImportStateAsync(new ImportStateRequest { Id = "", Identity = given }, response, CancellationToken.None);

        var error = Assert.Single(response.Diagnostics);
        Assert.Equal(AttributePath.Root.Attribute("account_id"), error.Path);
        Assert.Contains("210987654321", error.Detail, StringComparison.Ordinal);
        Assert.Null(response.Identity);
    }

    [Fact]
    public async Task Addon_read_and_import_by_identity_answer_the_addon_identity()
    {
        using var rig = new AddonRig(skipAgentCheck: true);
        rig.Eks.Ok(AddonRig.DescribeAgent, AddonRig.Addon("ACTIVE"));
        var given = Identity(rig.Resource, ("account_id", Account), ("cluster_name", "lab"), ("addon_name", "eks-pod-identity-agent"));

        var imported = new ImportStateResponse { State = ValueAccess.EmptyObject(rig.Type) };
        await rig.Resource.ImportStateAsync(new ImportStateRequest { Id = "", Identity = given }, imported, CancellationToken.None);
        var read = new ReadResponse { State = imported.State };
        await rig.Resource.ReadAsync(new ReadRequest { State = imported.State, Identity = imported.Identity }, read, CancellationToken.None);

        Assert.Empty(imported.Diagnostics);
        Assert.Equal("lab:eks-pod-identity-agent", imported.State.GetString("id"));
        Assert.Equal(AddonIdentity(rig.Resource), imported.Identity);
        Assert.Empty(read.Diagnostics);
        Assert.Equal(AddonIdentity(rig.Resource), read.Identity);
        Assert.Equal(AddonRig.AgentArn, read.State.GetString("arn"));
    }

    [Fact]
    public async Task A_vanished_object_has_no_identity()
    {
        using var rig = new AddonRig(skipAgentCheck: true);
        rig.Eks.Error(AddonRig.DescribeAgent, HttpStatusCode.NotFound, "ResourceNotFoundException", "gone");

        var response = new ReadResponse { State = rig.State() };
        await rig.Resource.ReadAsync(new ReadRequest { State = rig.State() }, response, CancellationToken.None);

        Assert.True(response.State.IsNull);
        Assert.Null(response.Identity);
    }
}
