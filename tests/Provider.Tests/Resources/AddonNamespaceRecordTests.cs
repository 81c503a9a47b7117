using System.Text;
using System.Text.Json.Nodes;
using PodIdentity.Plugin.Framework;
using PodIdentity.Plugin.Values;
using PodIdentity.Provider.Addons;
using static PodIdentity.Provider.Tests.Resources.AddonRig;

namespace PodIdentity.Provider.Tests.Resources;

/// <summary>
/// The namespace EKS reports goes into private state, so configuring namespace_config after an import records where
/// the add-on already runs (no replacement, no UpdateAddon) while a different namespace still replaces it.
/// </summary>
public sealed class AddonNamespaceRecordTests
{
    private static JsonObject InNamespace(JsonObject response, string ns)
    {
        ((JsonObject)response["addon"]!)["namespaceConfig"] = new JsonObject { ["namespace"] = ns };
        return response;
    }

    private static CtyValue Namespace(AddonRig rig, string ns) => CtyValue.List(
        rig.NamespaceType, [CtyValue.Object(rig.NamespaceType, new Dictionary<string, CtyValue> { ["namespace"] = CtyValue.String(ns) })]);

    private static byte[] Private(string json) => Encoding.UTF8.GetBytes(json);

    [Fact]
    public void PrivateStateKeepsOtherKeysAndDropsTheNamespaceWhenEksReportsNone()
    {
        var data = AddonPrivate.WithRemoteNamespace(Private("""{"other":1}"""), "agents");
        Assert.Equal("agents", AddonPrivate.RemoteNamespace(data));
        Assert.Equal(1, (int)JsonNode.Parse(data)!["other"]!);

        var cleared = AddonPrivate.WithRemoteNamespace(data, null);
        Assert.Null(AddonPrivate.RemoteNamespace(cleared));
        Assert.Equal("""{"other":1}""", Encoding.UTF8.GetString(cleared!));
        Assert.Null(AddonPrivate.WithRemoteNamespace(Private("""{"namespace":"x"}"""), null));
        Assert.Null(AddonPrivate.RemoteNamespace(Private("not json")));
        Assert.Equal("y", AddonPrivate.RemoteNamespace(AddonPrivate.WithRemoteNamespace(Private("not json"), "y")));
    }

    [Fact]
    public async Task ReadRecordsTheReportedNamespaceInPrivateStateButNotInTheEmptyBlock()
    {
        using var rig = new AddonRig();
        rig.Eks.Ok(DescribeAgent, InNamespace(Addon("ACTIVE"), "agents"));
        var imported = rig.State(("namespace_config", CtyValue.Null(rig.Type.AttributeTypes["namespace_config"])));
        var response = new ReadResponse { State = imported, Private = Private("""{"keep":"me"}""") };

        await rig.Resource.ReadAsync(new ReadRequest { State = imported, Private = response.Private }, response, CancellationToken.None);

        Assert.Empty(response.Diagnostics);
        Assert.Empty(response.State.GetAttribute("namespace_config").Elements);
        Assert.Equal("agents", AddonPrivate.RemoteNamespace(response.Private));
        Assert.Equal("me", (string?)JsonNode.Parse(response.Private!)!["keep"]);
    }

    [Fact]
    public async Task ConfiguringTheRecordedNamespaceIsAnInPlaceChangeAndAnyOtherNamespaceReplaces()
    {
        using var rig = new AddonRig();
        var prior = rig.State();
        var recorded = Private("""{"namespace":"agents"}""");

        Task<PlannedChange> Plan(string ns, byte[]? priorPrivate) => rig.PlanAsync(rig.Config(("namespace_config", Namespace(rig, ns))), prior, priorPrivate);

        var same = await Plan("agents", recorded);
        Assert.Empty(same.RequiresReplace);
        Assert.Empty(same.Diagnostics);
        // Nothing for EKS to do, so status and modified_at stay known.
        Assert.Equal("ACTIVE", same.Plan.GetString("status"));
        Assert.Equal("2026-01-01T00:00:00Z", same.Plan.GetString("modified_at"));
        Assert.Equal("agents", AddonState.NamespaceOf(same.Plan));

        Assert.Equal([AttributePath.Root.Attribute("namespace_config")], (await Plan("elsewhere", recorded)).RequiresReplace);
        Assert.Equal([AttributePath.Root.Attribute("namespace_config")], (await Plan("agents", null)).RequiresReplace);

        // Once recorded in state, moving it replaces as before.
        var moved = rig.State(("namespace_config", Namespace(rig, "agents")));
        var response = await rig.PlanAsync(rig.Config(("namespace_config", Namespace(rig, "other"))), moved, recorded);
        Assert.Equal([AttributePath.Root.Attribute("namespace_config")], response.RequiresReplace);
    }

    [Fact]
    public async Task TheUpdateThatRecordsTheBlockMakesNoUpdateAddonCall()
    {
        using var rig = new AddonRig();
        rig.Eks.Ok(DescribeAgent, InNamespace(Addon("ACTIVE"), "agents"));
        var prior = rig.State();
        var plan = prior.WithAttribute("namespace_config", Namespace(rig, "agents"));
        var priorPrivate = Private("""{"namespace":"agents"}""");
        var response = new UpdateResponse { State = plan, Private = priorPrivate };

        await rig.Resource.UpdateAsync(
            new UpdateRequest { Config = plan, Plan = plan, PriorState = prior, Private = priorPrivate }, response, CancellationToken.None);

        Assert.Empty(response.Diagnostics);
        Assert.Equal(0, rig.Eks.Count(UpdateAddon));
        Assert.Equal("agents", AddonState.NamespaceOf(response.State));
        Assert.Equal("agents", AddonPrivate.RemoteNamespace(response.Private));
    }

    [Fact]
    public async Task CreateRecordsTheNamespaceEksReports()
    {
        using var rig = new AddonRig();
        rig.Eks.Ok(CreateAddon, Addon("CREATING")).Ok(DescribeAgent, InNamespace(Addon("ACTIVE"), "agents"));

        var response = await rig.CreateAsync(rig.Config(("namespace_config", Namespace(rig, "agents"))));

        Assert.Empty(response.Diagnostics);
        Assert.Equal("agents", (string?)Assert.Single(rig.Eks.Of(CreateAddon)).Json["namespaceConfig"]!["namespace"]);
        Assert.Equal("agents", AddonPrivate.RemoteNamespace(response.Private));
    }
}
