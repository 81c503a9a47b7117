using System.Text;
using Google.Protobuf;
using PodIdentity.Plugin.Framework.Internal;
using PodIdentity.Plugin.Values;
using static PodIdentity.Plugin.Framework.Tests.FakeWidget;
using static PodIdentity.Plugin.Framework.Tests.Wire;
using Proto = PodIdentity.Plugin.Protocol.Tfplugin6;

namespace PodIdentity.Plugin.Framework.Tests;

public sealed class IdentityTests
{
    private readonly FakeIdentityProvider _provider = new();
    private readonly ProviderService _service;

    public IdentityTests() => _service = new ProviderService(_provider);

    private static Proto.ResourceIdentityData Id(CtyValue identity) => new() { IdentityData = Dv(identity) };

    private static CtyValue ReadIdentity(Proto.ResourceIdentityData? data)
    {
        Assert.NotNull(data);
        return Read(data.IdentityData, FakeWidget.Identity.Type);
    }

    [Fact]
    public async Task Identity_schemas_describe_only_resources_with_an_identity()
    {
        var response = await _service.GetResourceIdentitySchemas(new(), CancellationToken.None);

        var schema = Assert.Single(response.IdentitySchemas, kv => true);
        Assert.Equal("fake_widget", schema.Key);
        Assert.Equal(2, schema.Value.Version);
        var name = schema.Value.IdentityAttributes.Single(a => a.Name == "name");
        Assert.True(name.RequiredForImport);
        Assert.False(name.OptionalForImport);
        Assert.Equal("\"string\"", name.Type.ToStringUtf8());
        Assert.Equal("The widget's name.", name.Description);
        var region = schema.Value.IdentityAttributes.Single(a => a.Name == "region");
        Assert.False(region.RequiredForImport);
        Assert.True(region.OptionalForImport);
        Assert.Empty(response.Diagnostics);
    }

    [Fact]
    public async Task Create_returns_the_identity()
    {
        var planned = Widget("w1", region: null).WithUnknown("region");

        var response = await _service.ApplyResourceChange(new Proto.ApplyResourceChange.Types.Request
        {
            TypeName = "fake_widget",
            PriorState = Null(FakeWidget.Type),
            PlannedState = Dv(planned),
            Config = Dv(Widget("w1", region: null)),
        }, CancellationToken.None);

        Assert.Empty(response.Diagnostics);
        Assert.Equal(IdentityOf("w1", DefaultRegion), ReadIdentity(response.NewIdentity));
    }

    [Fact]
    public async Task Read_returns_an_identity_for_state_stored_before_identity_existed()
    {
        var response = await _service.ReadResource(new Proto.ReadResource.Types.Request
        {
            TypeName = "fake_widget",
            CurrentState = Dv(Widget("old")),
        }, CancellationToken.None);

        Assert.Empty(response.Diagnostics);
        Assert.Equal(IdentityOf("old", DefaultRegion), ReadIdentity(response.NewIdentity));
        Assert.Equal(["read:no-identity"], _provider.Widget.Calls);
    }

    [Fact]
    public async Task Read_refuses_an_identity_that_changes()
    {
        var response = await _service.ReadResource(new Proto.ReadResource.Types.Request
        {
            TypeName = "fake_widget",
            CurrentState = Dv(Widget("w1")),
            CurrentIdentity = Id(IdentityOf("w1", "elsewhere-2")),
        }, CancellationToken.None);

        var error = Assert.Single(response.Diagnostics);
        Assert.Equal("Unexpected Identity Change", error.Summary);
        Assert.Null(response.NewIdentity);
    }

    /// <summary>An update of widget w1 from size 1 to 2, with or without the identity Terraform planned.</summary>
    private static Proto.ApplyResourceChange.Types.Request ResizeW1(bool withPlannedIdentity)
    {
        var request = new Proto.ApplyResourceChange.Types.Request
        {
            TypeName = "fake_widget",
            PriorState = Dv(Widget("w1", size: 1)),
            PlannedState = Dv(Widget("w1", size: 2)),
            Config = Dv(Widget("w1", size: 2)),
        };
        if (withPlannedIdentity)
        {
            request.PlannedIdentity = Id(IdentityOf("w1", DefaultRegion));
        }

        return request;
    }

    [Fact]
    public async Task Update_returns_the_identity_even_when_the_client_sent_none()
    {
        // Terraform < 1.12 and some OpenTofu builds plan without an identity: the update must still answer one.
        var response = await _service.ApplyResourceChange(ResizeW1(withPlannedIdentity: false), CancellationToken.None);

        Assert.Empty(response.Diagnostics);
        Assert.Equal(IdentityOf("w1", DefaultRegion), ReadIdentity(response.NewIdentity));
        Assert.Equal(["update:no-identity"], _provider.Widget.Calls);
    }

    [Fact]
    public async Task Update_keeps_the_planned_identity_when_the_resource_leaves_it()
    {
        _provider.Widget.KeepIdentityOnUpdate = true;

        var response = await _service.ApplyResourceChange(ResizeW1(withPlannedIdentity: true), CancellationToken.None);

        Assert.Empty(response.Diagnostics);
        Assert.Equal(IdentityOf("w1", DefaultRegion), ReadIdentity(response.NewIdentity));
    }

    [Fact]
    public async Task Update_without_identity_is_reported_as_a_provider_bug()
    {
        _provider.Widget.KeepIdentityOnUpdate = true;

        var response = await _service.ApplyResourceChange(ResizeW1(withPlannedIdentity: false), CancellationToken.None);

        Assert.Equal("Missing Resource Identity After Update", Assert.Single(response.Diagnostics).Summary);
    }

    [Fact]
    public async Task Update_that_changes_the_identity_is_refused()
    {
        _provider.Widget.RenameOnUpdate = true;

        var response = await _service.ApplyResourceChange(ResizeW1(withPlannedIdentity: true), CancellationToken.None);

        Assert.Equal("Unexpected Identity Change", Assert.Single(response.Diagnostics).Summary);
    }

    [Fact]
    public async Task Delete_returns_no_identity()
    {
        var response = await _service.ApplyResourceChange(new Proto.ApplyResourceChange.Types.Request
        {
            TypeName = "fake_widget",
            PriorState = Dv(Widget("w1")),
            PlannedState = Null(FakeWidget.Type),
            Config = Null(FakeWidget.Type),
            PlannedIdentity = Id(IdentityOf("w1", DefaultRegion)),
        }, CancellationToken.None);

        Assert.Empty(response.Diagnostics);
        Assert.Null(response.NewIdentity);
    }

    [Fact]
    public async Task Plan_carries_the_prior_identity_for_an_update_and_none_for_a_create()
    {
        var identity = Id(IdentityOf("w1", DefaultRegion));
        var update = await _service.PlanResourceChange(new Proto.PlanResourceChange.Types.Request
        {
            TypeName = "fake_widget",
            PriorState = Dv(Widget("w1", size: 1)),
            ProposedNewState = Dv(Widget("w1", size: 2)),
            Config = Dv(Widget("w1", region: null, size: 2)),
            PriorIdentity = identity,
        }, CancellationToken.None);
        var create = await _service.PlanResourceChange(new Proto.PlanResourceChange.Types.Request
        {
            TypeName = "fake_widget",
            PriorState = Null(FakeWidget.Type),
            ProposedNewState = Dv(Widget("w2", region: null)),
            Config = Dv(Widget("w2", region: null)),
        }, CancellationToken.None);

        Assert.Empty(update.Diagnostics);
        Assert.Equal(identity, update.PlannedIdentity);
        Assert.Empty(create.Diagnostics);
        Assert.Null(create.PlannedIdentity);
    }

    [Fact]
    public async Task Import_by_identity_passes_the_identity_and_returns_it_with_defaults()
    {
        var response = await _service.ImportResourceState(new Proto.ImportResourceState.Types.Request
        {
            TypeName = "fake_widget",
            Identity = Id(IdentityOf("w9", region: null)),
        }, CancellationToken.None);

        Assert.Empty(response.Diagnostics);
        var imported = Assert.Single(response.ImportedResources);
        Assert.Equal("", _provider.Widget.LastImport!.Id);
        Assert.Equal(IdentityOf("w9", null), _provider.Widget.LastImport.Identity);
        Assert.Equal(IdentityOf("w9", DefaultRegion), ReadIdentity(imported.Identity));
        Assert.Equal("w9", Read(imported.State, FakeWidget.Type).GetString("name"));
    }

    [Fact]
    public async Task Import_by_id_also_returns_the_identity()
    {
        var response = await _service.ImportResourceState(new Proto.ImportResourceState.Types.Request
        {
            TypeName = "fake_widget",
            Id = "w3",
        }, CancellationToken.None);

        Assert.Empty(response.Diagnostics);
        Assert.Null(_provider.Widget.LastImport!.Identity);
        Assert.Equal(IdentityOf("w3", DefaultRegion), ReadIdentity(Assert.Single(response.ImportedResources).Identity));
    }

    [Fact]
    public async Task Import_by_identity_without_a_required_attribute_names_it()
    {
        var response = await _service.ImportResourceState(new Proto.ImportResourceState.Types.Request
        {
            TypeName = "fake_widget",
            Identity = Id(IdentityOf("x", "r").WithNull("name")),
        }, CancellationToken.None);

        var error = Assert.Single(response.Diagnostics);
        Assert.Equal("Missing Identity Attribute", error.Summary);
        Assert.Equal("name", Path(error.Attribute));
        Assert.Empty(response.ImportedResources);
        Assert.Null(_provider.Widget.LastImport);
    }

    [Fact]
    public async Task Import_by_identity_of_a_resource_without_identity_is_an_error()
    {
        var response = await _service.ImportResourceState(new Proto.ImportResourceState.Types.Request
        {
            TypeName = "fake_thing",
            Identity = Id(IdentityOf("x", "r")),
        }, CancellationToken.None);

        Assert.Equal("Resource Identity Not Supported", Assert.Single(response.Diagnostics).Summary);
    }

    [Fact]
    public async Task Upgrade_identity_at_the_current_version_decodes_the_stored_json()
    {
        var response = await _service.UpgradeResourceIdentity(new Proto.UpgradeResourceIdentity.Types.Request
        {
            TypeName = "fake_widget",
            Version = 2,
            RawIdentity = new Proto.RawState { Json = ByteString.CopyFrom(Encoding.UTF8.GetBytes("""{"name":"w1","region":"r-1"}""")) },
        }, CancellationToken.None);

        Assert.Empty(response.Diagnostics);
        Assert.Equal(IdentityOf("w1", "r-1"), ReadIdentity(response.UpgradedIdentity));
    }

    [Theory]
    [InlineData("fake_widget", 3, "written by a newer provider")]
    [InlineData("fake_widget", 1, "cannot upgrade it")]
    [InlineData("fake_thing", 0, "has no identity schema")]
    public async Task Upgrade_identity_refuses_what_it_cannot_convert(string type, long version, string expected)
    {
        var response = await _service.UpgradeResourceIdentity(new Proto.UpgradeResourceIdentity.Types.Request
        {
            TypeName = type,
            Version = version,
            RawIdentity = new Proto.RawState { Json = ByteString.CopyFromUtf8("""{"name":"w1","region":null}""") },
        }, CancellationToken.None);

        Assert.Contains(expected, Assert.Single(response.Diagnostics).Detail, StringComparison.Ordinal);
        Assert.Null(response.UpgradedIdentity);
    }

    [Fact]
    public void Identity_schema_without_descriptions_is_refused_at_start_up()
    {
        var schema = new IdentitySchema { Attributes = [new IdentityAttribute { Name = "a", Type = CtyType.String, Description = "" }] };

        var ex = Assert.Throws<InvalidOperationException>(() => schema.Check("x"));
        Assert.Contains("description", ex.Message, StringComparison.Ordinal);
    }
}
