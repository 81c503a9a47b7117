using PodIdentity.Provider.Configuration;
using PodIdentity.Provider.Shared;

namespace PodIdentity.Provider.Tests;

public sealed class TagPolicyTests
{
    private static Dictionary<string, string> Tags(params (string Key, string Value)[] items) =>
        items.ToDictionary(i => i.Key, i => i.Value, StringComparer.Ordinal);

    [Fact]
    public void Resource_tags_override_defaults_in_tags_all()
    {
        var policy = new TagPolicy(Tags(("env", "prod"), ("team", "core")));
        var all = policy.MergeWithDefaults(Tags(("env", "dev"), ("app", "api")));
        Assert.Equal(Tags(("app", "api"), ("env", "dev"), ("team", "core")), all);
        Assert.Equal(["app", "env", "team"], all.Keys);
    }

    [Fact]
    public void Null_resource_tags_give_the_defaults()
    {
        var policy = new TagPolicy(Tags(("env", "prod")));
        Assert.Equal(Tags(("env", "prod")), policy.MergeWithDefaults(null));
        Assert.Empty(TagPolicy.None.MergeWithDefaults(null));
    }

    [Fact]
    public void Ignored_keys_and_prefixes_are_removed_everywhere()
    {
        var policy = new TagPolicy(Tags(("env", "prod"), ("kubernetes.io/cluster", "x")), ["owner"], ["kubernetes.io/"]);
        Assert.True(policy.IsIgnored("owner"));
        Assert.True(policy.IsIgnored("kubernetes.io/role"));
        Assert.False(policy.IsIgnored("Owner"));
        Assert.False(policy.IsIgnored("env"));
        Assert.Equal(Tags(("env", "prod"), ("app", "a")), policy.MergeWithDefaults(Tags(("owner", "me"), ("app", "a"))));
        Assert.Equal(Tags(("app", "a")), policy.RemoveIgnored(Tags(("owner", "me"), ("kubernetes.io/x", "y"), ("app", "a"))));
    }

    [Fact]
    public void Aws_reserved_keys_are_always_ignored()
    {
        Assert.True(TagPolicy.None.IsIgnored("aws:cloudformation:stack-name"));
        Assert.Equal(Tags(("a", "b")), TagPolicy.None.RemoveIgnored(Tags(("aws:eks:cluster-name", "c"), ("a", "b"))));
    }

    [Fact]
    public void Environment_default_tags_merge_under_configured_ones()
    {
        var env = TestEnvironment.Create(
            ("TF_AWS_DEFAULT_TAGS_env", "from-env"),
            ("TF_AWS_DEFAULT_TAGS_costcenter", "42"),
            ("TF_AWS_DEFAULT_TAGS_", "ignored: no key"));
        var policy = TagEnvironment.Build(Tags(("env", "configured")), null, null, env);
        Assert.Equal(Tags(("costcenter", "42"), ("env", "configured")), policy.DefaultTags);
    }

    [Fact]
    public void Environment_ignore_tags_are_comma_separated_and_add_to_configured_ones()
    {
        var env = TestEnvironment.Create(
            ("TF_AWS_IGNORE_TAGS_KEYS", "a, b,,c"),
            ("TF_AWS_IGNORE_TAGS_KEY_PREFIXES", "tmp:,  scratch/"));
        var policy = TagEnvironment.Build(null, ["configured"], ["cfg/"], env);
        Assert.Equal(["a", "b", "c", "configured"], policy.IgnoreKeys);
        Assert.Equal(["cfg/", "scratch/", "tmp:"], policy.IgnoreKeyPrefixes);
        Assert.True(policy.IsIgnored("scratch/x"));
        Assert.True(policy.IsIgnored("b"));
    }

    [Fact]
    public void No_environment_and_no_configuration_means_no_policy()
    {
        var policy = TagEnvironment.Build(null, null, null, TestEnvironment.Create());
        Assert.Empty(policy.DefaultTags);
        Assert.Empty(policy.IgnoreKeys);
        Assert.Empty(policy.IgnoreKeyPrefixes);
    }
}
