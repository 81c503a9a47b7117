using System.Net;
using System.Text.Json.Nodes;
using PodIdentity.Plugin.Framework;
using PodIdentity.Plugin.Values;
using PodIdentity.Provider.Shared;
using static PodIdentity.Provider.Tests.Resources.AssociationRig;

namespace PodIdentity.Provider.Tests.Resources;

public sealed class LifecycleTests
{
    private const string Create = "CreatePodIdentityAssociation";
    private const string Describe = "DescribePodIdentityAssociation";
    private const string Update = "UpdatePodIdentityAssociation";
    private const string Delete = "DeletePodIdentityAssociation";
    private const string RoleMissing = "Role provided in the request does not exist";

    [Fact]
    public async Task CreateIsOneCallAndFillsEveryComputedAttribute()
    {
        using var rig = new AssociationRig(new TagPolicy(Tags(("managed-by", "terraform")), ignoreKeys: ["owner"]));
        rig.Eks.Ok(Create, FakeEks.Association(target: Target, externalId: "ext-1", tags: new JsonObject { ["app"] = "pay", ["managed-by"] = "terraform" }));
        var config = rig.Config(("target_role_arn", Target), ("tags", Tags(("app", "pay"), ("owner", "me"))));
        var plan = (await rig.PlanAsync(config)).Plan;

        var response = new CreateResponse { State = plan };
        await rig.Resource.CreateAsync(new CreateRequest { Config = config, Plan = plan }, response, CancellationToken.None);

        Assert.Empty(response.Diagnostics);
        var request = Assert.Single(rig.Eks.Requests);
        Assert.Equal(Create, request.Operation);
        Assert.Equal("/clusters/lab/pod-identity-associations", request.Path);
        var body = request.Json;
        Assert.Equal("payments", (string?)body["namespace"]);
        Assert.Equal("payments-api", (string?)body["serviceAccount"]);
        Assert.Equal(Role, (string?)body["roleArn"]);
        Assert.Equal(Target, (string?)body["targetRoleArn"]);
        Assert.False((bool?)body["disableSessionTags"]);
        Assert.False(string.IsNullOrEmpty((string?)body["clientRequestToken"]));
        // Default tags go along; ignored keys never leave the machine.
        Assert.Equal("""{"app":"pay","managed-by":"terraform"}""", body["tags"]!.ToJsonString());

        var state = response.State;
        Assert.True(state.IsWhollyKnown);
        Assert.Equal(Id, state.GetString("id"));
        Assert.Equal(Id, state.GetString("association_id"));
        Assert.Equal($"arn:aws:eks:us-west-2:123456789012:podidentityassociation/lab/{Id}", state.GetString("association_arn"));
        Assert.Equal("ext-1", state.GetString("external_id"));
        Assert.Equal("2026-01-01T00:00:00Z", state.GetString("created_at"));
        Assert.Equal("2026-01-01T00:00:00Z", state.GetString("modified_at"));
        Assert.Equal("us-west-2", state.GetString("region"));
        Assert.True(state.GetAttribute("owner_arn").IsNull);
        Assert.Equal(Tags(("app", "pay"), ("owner", "me")), state.GetStringMap("tags"));
        Assert.Equal(Tags(("app", "pay"), ("managed-by", "terraform")), state.GetStringMap("tags_all"));
    }

    [Fact]
    public async Task CreateWaitsForIamToPropagateWithOneIdempotencyToken()
    {
        using var rig = new AssociationRig();
        rig.Eks.Error(Create, HttpStatusCode.BadRequest, "InvalidParameterException", RoleMissing)
            .Error(Create, HttpStatusCode.BadRequest, "InvalidParameterException", RoleMissing)
            .Ok(Create, FakeEks.Association());
        var response = await CreateAsync(rig, rig.Config());

        Assert.False(response.Diagnostics.HasErrors);
        Assert.Equal(3, rig.Eks.Count(Create));
        Assert.Single(rig.Eks.Of(Create).Select(r => (string?)r.Json["clientRequestToken"]).Distinct());
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)], rig.Waits);
    }

    [Fact]
    public async Task CreateGivesUpOnAMissingRoleAfterTheBudgetAndPointsAtTheRole()
    {
        using var rig = new AssociationRig(retryBudget: TimeSpan.FromSeconds(20));
        rig.Eks.Error(Create, HttpStatusCode.BadRequest, "InvalidParameterException", RoleMissing);
        var response = await CreateAsync(rig, rig.Config());

        var error = Assert.Single(response.Diagnostics);
        Assert.Equal(AttributePath.Root.Attribute("role_arn"), error.Path);
        Assert.Contains("InvalidParameterException", error.Detail);
        Assert.Contains("req-InvalidParameterException", error.Detail);
        Assert.True(rig.Waits.Sum(w => w.TotalSeconds) <= 20);
        Assert.True(rig.Eks.Count(Create) >= 4);
    }

    [Fact]
    public async Task OtherCreateErrorsAreNotRetried()
    {
        using var rig = new AssociationRig();
        rig.Eks.Error(Create, HttpStatusCode.BadRequest, "InvalidParameterException", "Tag keys must not start with aws:");
        var response = await CreateAsync(rig, rig.Config());
        Assert.True(response.Diagnostics.HasErrors);
        Assert.Equal(1, rig.Eks.Count(Create));
    }

    [Fact]
    public async Task ADuplicateServiceAccountSaysHowToAdoptIt()
    {
        using var rig = new AssociationRig();
        rig.Eks.Error(Create, HttpStatusCode.Conflict, "ResourceInUseException", "Association already exists: a-xyz");
        var response = await CreateAsync(rig, rig.Config());

        var error = Assert.Single(response.Diagnostics);
        Assert.Equal("EKS Pod Identity Association already exists", error.Summary);
        Assert.Contains("lab,payments,payments-api", error.Detail);
        Assert.Contains("Association already exists: a-xyz", error.Detail);
        Assert.Equal(AttributePath.Root.Attribute("service_account"), error.Path);
    }

    [Fact]
    public async Task ReadOfAVanishedAssociationRemovesItWithAWarning()
    {
        using var rig = new AssociationRig();
        rig.Eks.Error(Describe, HttpStatusCode.NotFound, "ResourceNotFoundException", "No Pod Identity Association found");
        var response = await ReadAsync(rig, rig.State());
        Assert.True(response.State.IsNull);
        Assert.Equal(DiagnosticSeverity.Warning, Assert.Single(response.Diagnostics).Severity);
        Assert.Equal(1, rig.Eks.Count(Describe));
    }

    [Fact]
    public async Task ReadKeepsAnEquivalentPolicyAsWrittenAndSeesDrift()
    {
        const string written = """{ "Version": "2012-10-17", "Statement": [] }""";
        using var rig = new AssociationRig();
        rig.Eks.Ok(Describe, FakeEks.Association(role: OtherRole, policy: """{"Statement":[],"Version":"2012-10-17"}""", disableSessionTags: true));
        var response = await ReadAsync(rig, rig.State(("policy", written), ("disable_session_tags", true)));
        Assert.Empty(response.Diagnostics);
        Assert.Equal(written, response.State.GetString("policy"));
        Assert.Equal(OtherRole, response.State.GetString("role_arn"));
    }

    [Fact]
    public async Task ReadOfAnAddonOwnedAssociationWarns()
    {
        using var rig = new AssociationRig();
        rig.Eks.Ok(Describe, FakeEks.Association(owner: "arn:aws:eks:us-west-2:123456789012:addon/lab/vpc-cni/x"));
        var response = await ReadAsync(rig, rig.State());
        Assert.Contains(response.Diagnostics, d => d.Severity == DiagnosticSeverity.Warning && d.Summary.Contains("add-on"));
        Assert.Equal("arn:aws:eks:us-west-2:123456789012:addon/lab/vpc-cni/x", response.State.GetString("owner_arn"));
    }

    [Fact]
    public async Task ARoleChangeIsOneUpdateWithOnlyTheRole()
    {
        using var rig = new AssociationRig();
        rig.Eks.Ok(Update, FakeEks.Association(role: OtherRole, modifiedAt: 1767312000));
        var prior = rig.State();
        var plan = prior.WithString("role_arn", OtherRole).WithUnknown("modified_at");
        var response = await UpdateAsync(rig, prior, plan);

        Assert.Empty(response.Diagnostics);
        var request = Assert.Single(rig.Eks.Requests);
        Assert.Equal(Update, request.Operation);
        Assert.Equal($"/clusters/lab/pod-identity-associations/{Id}", request.Path);
        Assert.Equal(OtherRole, (string?)request.Json["roleArn"]);
        Assert.Null(request.Json["targetRoleArn"]);
        Assert.Null(request.Json["policy"]);
        Assert.Null(request.Json["disableSessionTags"]);
        Assert.Equal("2026-01-02T00:00:00Z", response.State.GetString("modified_at"));
        Assert.Equal(Id, response.State.GetString("id"));
    }

    [Fact]
    public async Task ARoleChangeAlsoWaitsForIamToPropagate()
    {
        using var rig = new AssociationRig();
        rig.Eks.Error(Update, HttpStatusCode.BadRequest, "InvalidParameterException", "Target role provided in the request does not exist")
            .Ok(Update, FakeEks.Association(role: OtherRole, target: Target, externalId: "ext-9"));
        var prior = rig.State();
        var plan = prior.WithString("role_arn", OtherRole).WithString("target_role_arn", Target).WithUnknown("external_id").WithUnknown("modified_at");
        var response = await UpdateAsync(rig, prior, plan);

        Assert.Empty(response.Diagnostics);
        Assert.Equal(2, rig.Eks.Count(Update));
        Assert.Equal("ext-9", response.State.GetString("external_id"));
    }

    [Fact]
    public async Task AFailedUpdateKeepsThePriorStateAndNamesTheRequest()
    {
        using var rig = new AssociationRig(retryBudget: TimeSpan.Zero);
        rig.Eks.Error(Update, HttpStatusCode.BadRequest, "InvalidParameterException", "Target role provided in the request does not exist");
        var prior = rig.State();
        var plan = prior.WithString("target_role_arn", Target).WithUnknown("external_id");
        var response = await UpdateAsync(rig, prior, plan);

        var error = Assert.Single(response.Diagnostics);
        Assert.Equal(AttributePath.Root.Attribute("target_role_arn"), error.Path);
        Assert.Contains("req-InvalidParameterException", error.Detail);
        Assert.Equal(plan, response.State);
    }

    [Fact]
    public async Task RemovingTheTargetClearsItInAws()
    {
        using var rig = new AssociationRig();
        rig.Eks.Ok(Update, FakeEks.Association());
        var prior = rig.State(("target_role_arn", Target), ("external_id", "ext-1"));
        var plan = prior.WithNull("target_role_arn").WithNull("external_id").WithUnknown("modified_at");
        var response = await UpdateAsync(rig, prior, plan);

        Assert.Equal("", (string?)Assert.Single(rig.Eks.Requests).Json["targetRoleArn"]);
        Assert.True(response.State.GetAttribute("external_id").IsNull);
    }

    [Fact]
    public async Task ATagChangeCallsOnlyTheTaggingApis()
    {
        using var rig = new AssociationRig(new TagPolicy(ignoreKeys: ["owner"]));
        rig.Eks.Ok("TagResource", new JsonObject()).Ok("UntagResource", new JsonObject());
        var prior = rig.State(("tags", Tags(("app", "pay"), ("old", "x"))), ("tags_all", Tags(("app", "pay"), ("old", "x"))));
        var plan = prior.WithAttribute("tags", Map(Tags(("app", "payments"), ("owner", "me"))))
            .WithAttribute("tags_all", Map(Tags(("app", "payments"))));
        var response = await UpdateAsync(rig, prior, plan);

        Assert.Empty(response.Diagnostics);
        Assert.Equal(0, rig.Eks.Count(Update));
        var untag = Assert.Single(rig.Eks.Of("UntagResource"));
        Assert.Contains("tagKeys=old", untag.Query);
        Assert.Equal("""{"tags":{"app":"payments"}}""", Assert.Single(rig.Eks.Of("TagResource")).Body);
        Assert.Equal(plan, response.State);
    }

    [Fact]
    public async Task AnAddonOwnedAssociationCannotBeUpdatedOrDeleted()
    {
        using var rig = new AssociationRig();
        var prior = rig.State(("owner_arn", "arn:aws:eks:us-west-2:123456789012:addon/lab/vpc-cni/x"));
        var updated = await UpdateAsync(rig, prior, prior.WithString("role_arn", OtherRole));
        var deleted = new DeleteResponse();
        await rig.Resource.DeleteAsync(new DeleteRequest { PriorState = prior }, deleted, CancellationToken.None);

        Assert.Contains("addon/lab/vpc-cni", Assert.Single(updated.Diagnostics).Detail);
        Assert.Contains("addon/lab/vpc-cni", Assert.Single(deleted.Diagnostics).Detail);
        Assert.Empty(rig.Eks.Requests);
    }

    [Fact]
    public async Task DeletingSomethingAlreadyGoneSucceeds()
    {
        using var rig = new AssociationRig();
        rig.Eks.Error(Delete, HttpStatusCode.NotFound, "ResourceNotFoundException", "gone");
        var response = new DeleteResponse();
        await rig.Resource.DeleteAsync(new DeleteRequest { PriorState = rig.State() }, response, CancellationToken.None);
        Assert.Empty(response.Diagnostics);
        Assert.Equal(1, rig.Eks.Count(Delete));
    }

    [Fact]
    public async Task ImportByNaturalKeyFindsTheId()
    {
        using var rig = new AssociationRig();
        rig.Eks.Ok("ListPodIdentityAssociations", new JsonObject
        {
            ["associations"] = new JsonArray(new JsonObject
            {
                ["clusterName"] = "lab", ["namespace"] = "payments", ["serviceAccount"] = "payments-api", ["associationId"] = Id,
            }),
        });
        var response = await ImportAsync(rig, "lab,payments,payments-api@eu-west-1");

        Assert.Empty(response.Diagnostics);
        var list = Assert.Single(rig.Eks.Requests);
        Assert.Contains("namespace=payments", list.Query);
        Assert.Contains("serviceAccount=payments-api", list.Query);
        Assert.Equal(Id, response.State.GetString("association_id"));
        Assert.Equal(Id, response.State.GetString("id"));
        Assert.Equal("lab", response.State.GetString("cluster_name"));
        Assert.Equal("eu-west-1", response.State.GetString("region"));
    }

    [Fact]
    public async Task ImportByIdNeedsNoCall()
    {
        using var rig = new AssociationRig();
        var response = await ImportAsync(rig, $"lab,{Id}");
        Assert.Empty(rig.Eks.Requests);
        Assert.Equal("us-west-2", response.State.GetString("region"));
        Assert.Equal(Id, response.State.GetString("association_id"));
    }

    [Fact]
    public async Task ABadImportIdNamesBothFormats()
    {
        using var rig = new AssociationRig();
        var response = await ImportAsync(rig, Id);
        var error = Assert.Single(response.Diagnostics);
        Assert.Contains("cluster_name,association_id", error.Detail);
        Assert.Contains("cluster_name,namespace,service_account", error.Detail);
    }

    private static async Task<CreateResponse> CreateAsync(AssociationRig rig, CtyValue config)
    {
        var plan = (await rig.PlanAsync(config)).Plan;
        var response = new CreateResponse { State = plan };
        await rig.Resource.CreateAsync(new CreateRequest { Config = config, Plan = plan }, response, CancellationToken.None);
        return response;
    }

    private static async Task<ReadResponse> ReadAsync(AssociationRig rig, CtyValue state)
    {
        var response = new ReadResponse { State = state };
        await rig.Resource.ReadAsync(new ReadRequest { State = state }, response, CancellationToken.None);
        return response;
    }

    private static async Task<UpdateResponse> UpdateAsync(AssociationRig rig, CtyValue prior, CtyValue plan)
    {
        var response = new UpdateResponse { State = plan };
        await rig.Resource.UpdateAsync(
            new UpdateRequest { Config = plan, Plan = plan, PriorState = prior }, response, CancellationToken.None);
        return response;
    }

    private static async Task<ImportStateResponse> ImportAsync(AssociationRig rig, string id)
    {
        var response = new ImportStateResponse { State = ValueAccess.EmptyObject(rig.Type) };
        await rig.Resource.ImportStateAsync(new ImportStateRequest { Id = id }, response, CancellationToken.None);
        return response;
    }
}
