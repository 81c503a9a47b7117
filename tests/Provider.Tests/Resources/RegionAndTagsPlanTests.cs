using PodIdentity.Plugin.Framework;
using PodIdentity.Plugin.Values;
using PodIdentity.Provider.Addons;
using PodIdentity.Provider.Associations;
using PodIdentity.Provider.Shared;
using static PodIdentity.Provider.Tests.Resources.AssociationRig;

namespace PodIdentity.Provider.Tests.Resources;

/// <summary>The one plan step for region and tags_all (Shared/RegionAndTagsPlan), as each resource runs it.</summary>
public sealed class RegionAndTagsPlanTests
{
    public static TheoryData<string> Resources => [AssociationNames.ResourceType, AddonNames.ResourceType];

    // The resource on a configured provider (or not configured), its typical configuration and the state its create leaves.
    private sealed class Subject : IDisposable
    {
        private readonly AssociationRig? _association;
        private readonly AddonRig? _addon;

        public Subject(string type, TagPolicy? tags = null, bool configured = true)
        {
            if (type == AssociationNames.ResourceType)
            {
                _association = new AssociationRig(tags);
                Resource = configured ? _association.Resource : new PodIdentityAssociationResource();
            }
            else
            {
                _addon = new AddonRig(tags: tags);
                Resource = configured ? _addon.Resource : new AddonResource();
            }
        }

        public IResource Resource { get; }

        public string TaggedObject => _association is null ? "an add-on" : "a pod identity association";

        public CtyValue Config(params (string Name, object? Value)[] set) => _association?.Config(set) ?? _addon!.Config(set);

        public CtyValue State(params (string Name, object? Value)[] set) => _association?.State(set) ?? _addon!.State(set);

        public Task<PlannedChange> PlanAsync(CtyValue config, CtyValue? prior = null) =>
            new PlanDriver(Resource).PlanAsync(config, prior ?? CtyValue.Null(Resource.Schema.Type));

        public void Dispose()
        {
            _association?.Dispose();
            _addon?.Dispose();
        }
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public async Task ANewObjectGetsTheProviderRegionAndTagsAllWithoutIgnoredKeys(string type)
    {
        using var subject = new Subject(type, new TagPolicy(Tags(("managed-by", "terraform"), ("team", "core")), ["owner"]));
        var planned = await subject.PlanAsync(subject.Config(("tags", Tags(("app", "pay"), ("team", "payments"), ("owner", "me")))));
        Assert.Empty(planned.Diagnostics);
        Assert.Equal("us-west-2", planned.Plan.GetString("region"));
        Assert.Equal(Tags(("app", "pay"), ("managed-by", "terraform"), ("team", "payments")), planned.Plan.GetStringMap("tags_all"));
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public async Task ARegionOfItsOwnIsKeptAndAnotherRegionReplaces(string type)
    {
        using var subject = new Subject(type);
        var own = await subject.PlanAsync(subject.Config(("region", "eu-west-1")), subject.State(("region", "eu-west-1")));
        Assert.Equal("eu-west-1", own.Plan.GetString("region"));
        Assert.Empty(own.RequiresReplace);

        var moved = await subject.PlanAsync(subject.Config(), subject.State(("region", "eu-west-1")));
        Assert.Equal("us-west-2", moved.Plan.GetString("region"));
        Assert.Equal([AttributePath.Root.Attribute("region")], moved.RequiresReplace);
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public async Task TagsOverTheLimitWithDefaultTagsFailOnTagsNamingTheResource(string type)
    {
        using var subject = new Subject(type, new TagPolicy(Enumerable.Range(0, 45).ToDictionary(i => $"default{i}", _ => "v")));
        var planned = await subject.PlanAsync(subject.Config(("tags", Enumerable.Range(0, 6).ToDictionary(i => $"own{i}", _ => "v"))));
        var error = Assert.Single(planned.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(AttributePath.Root.Attribute("tags"), error.Path);
        Assert.Equal($"EKS allows at most 50 tags on {subject.TaggedObject}; tags with the provider's default_tags come to 51.", error.Detail);
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public async Task BeforeTheProviderIsConfiguredRegionAndTagsAllAreUnknown(string type)
    {
        using var subject = new Subject(type, configured: false);
        var planned = await subject.PlanAsync(subject.Config(("tags", Tags(("app", "pay")))));
        Assert.False(planned.Diagnostics.HasErrors);
        Assert.True(planned.Plan.IsUnknown("region"));
        Assert.True(planned.Plan.IsUnknown("tags_all"));

        // A region the configuration names is known whatever the provider.
        Assert.Equal("eu-west-1", (await subject.PlanAsync(subject.Config(("region", "eu-west-1"))))
            .Plan.GetString("region"));
    }
}
