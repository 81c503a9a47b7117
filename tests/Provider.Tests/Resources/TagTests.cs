using PodIdentity.Plugin.Values;
using PodIdentity.Provider.Shared;
using static PodIdentity.Provider.Tests.Resources.AssociationRig;

namespace PodIdentity.Provider.Tests.Resources;

public sealed class TagTests
{
    private static readonly TagPolicy Policy = new(
        Tags(("managed-by", "terraform"), ("team", "platform")),
        ignoreKeys: ["owner"],
        ignoreKeyPrefixes: ["kubernetes.io/"]);

    [Fact]
    public void TagsAllMergesDefaultsUnderResourceTagsWithoutIgnoredKeys()
    {
        var all = ResourceTags.PlanTagsAll(Map(Tags(("team", "payments"), ("owner", "x"), ("kubernetes.io/a", "b"), ("app", "pay"))), Policy);
        Assert.Equal(Tags(("app", "pay"), ("managed-by", "terraform"), ("team", "payments")), ResourceTags.Known(all));
    }

    [Fact]
    public void TagsAllIsUnknownWhileATagIsUnknown()
    {
        var tags = CtyValue.Map(CtyType.String, [KeyValuePair.Create("app", CtyValue.Unknown(CtyType.String))]);
        Assert.False(ResourceTags.PlanTagsAll(tags, Policy).IsKnown);
    }

    [Fact]
    public void NullTagsGiveTheDefaults() =>
        Assert.Equal(Policy.DefaultTags, ResourceTags.Known(ResourceTags.PlanTagsAll(CtyValue.Null(CtyType.Map(CtyType.String)), Policy)));

    [Fact]
    public void DiffSetsChangedAndRemovesDroppedButNeverTouchesIgnoredKeys()
    {
        var (set, remove) = ResourceTags.Diff(
            Tags(("a", "1"), ("b", "2"), ("gone", "x"), ("owner", "someone")),
            Tags(("a", "1"), ("b", "3"), ("new", "y"), ("kubernetes.io/x", "z")),
            Policy);
        Assert.Equal(Tags(("b", "3"), ("new", "y")), set);
        Assert.Equal(["gone"], remove);
    }

    [Fact]
    public void RemoteTagsFromDefaultsDoNotShowAsResourceTags()
    {
        var (tags, all) = ResourceTags.FromRemote(
            Tags(("managed-by", "terraform"), ("team", "platform"), ("app", "pay"), ("owner", "ops"), ("aws:cloudformation:stack", "s")),
            Map(Tags(("app", "pay"))),
            Policy);
        Assert.Equal(Tags(("app", "pay")), ResourceTags.Known(tags));
        Assert.Equal(Tags(("app", "pay"), ("managed-by", "terraform"), ("team", "platform")), ResourceTags.Known(all));
    }

    [Fact]
    public void ADefaultKeyTheResourceAlsoSetsStaysInTags()
    {
        var (tags, _) = ResourceTags.FromRemote(Tags(("team", "platform")), Map(Tags(("team", "platform"))), Policy);
        Assert.Equal(Tags(("team", "platform")), ResourceTags.Known(tags));
    }

    [Fact]
    public void TagsAddedOutsideTerraformShowAsDrift()
    {
        var (tags, _) = ResourceTags.FromRemote(Tags(("app", "pay"), ("added", "by-console")), Map(Tags(("app", "pay"))), Policy);
        Assert.Equal(Tags(("added", "by-console"), ("app", "pay")), ResourceTags.Known(tags));
    }

    [Fact]
    public void IgnoredKeysKeepTheConfiguredValueWhateverAwsSays()
    {
        var (tags, all) = ResourceTags.FromRemote(Tags(("owner", "changed-elsewhere")), Map(Tags(("owner", "me"))), Policy);
        Assert.Equal(Tags(("owner", "me")), ResourceTags.Known(tags));
        Assert.Empty(ResourceTags.Known(all));
    }

    [Fact]
    public void NoTagsStayNullButAnEmptyMapStaysEmpty()
    {
        var (fromNull, _) = ResourceTags.FromRemote(Tags(("managed-by", "terraform")), CtyValue.Null(CtyType.Map(CtyType.String)), Policy);
        Assert.True(fromNull.IsNull);
        var (fromEmpty, _) = ResourceTags.FromRemote(null, Map(Tags()), Policy);
        Assert.False(fromEmpty.IsNull);
        Assert.Equal(0, fromEmpty.Count);
    }
}
