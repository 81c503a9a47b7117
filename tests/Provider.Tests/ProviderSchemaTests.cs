using PodIdentity.Plugin.Framework;
using PodIdentity.Plugin.Values;

namespace PodIdentity.Provider.Tests;

public sealed class ProviderSchemaTests
{
    private static readonly Schema Schema = new AwsProvider().Schema;

    [Fact]
    public void Top_level_attributes_use_the_official_names_and_types()
    {
        var expected = new Dictionary<string, CtyType>
        {
            ["region"] = CtyType.String,
            ["access_key"] = CtyType.String,
            ["secret_key"] = CtyType.String,
            ["token"] = CtyType.String,
            ["profile"] = CtyType.String,
            ["shared_config_files"] = CtyType.List(CtyType.String),
            ["shared_credentials_files"] = CtyType.List(CtyType.String),
            ["skip_credentials_validation"] = CtyType.Bool,
            ["skip_requesting_account_id"] = CtyType.Bool,
            ["skip_region_validation"] = CtyType.Bool,
            ["skip_metadata_api_check"] = CtyType.Bool,
            ["max_retries"] = CtyType.Number,
            ["retry_mode"] = CtyType.String,
            ["allowed_account_ids"] = CtyType.Set(CtyType.String),
            ["forbidden_account_ids"] = CtyType.Set(CtyType.String),
            ["custom_ca_bundle"] = CtyType.String,
            ["http_proxy"] = CtyType.String,
            ["https_proxy"] = CtyType.String,
            ["no_proxy"] = CtyType.String,
            ["insecure"] = CtyType.Bool,
            ["skip_pod_identity_agent_check"] = CtyType.Bool,
            ["skip_pod_identity_trust_check"] = CtyType.Bool,
            ["strict_pod_identity_trust_check"] = CtyType.Bool,
        };

        Assert.Equal(expected.Keys.Order(), Schema.Attributes.Select(a => a.Name).Order());
        foreach (var a in Schema.Attributes)
        {
            Assert.Equal(expected[a.Name], a.Type);
            Assert.True(a.Optional, a.Name);
            Assert.False(a.Required || a.Computed, a.Name);
        }
    }

    [Fact]
    public void Only_secrets_are_sensitive()
    {
        var sensitive = Schema.Attributes.Where(a => a.Sensitive).Select(a => a.Name).Order().ToArray();
        Assert.Equal(["secret_key", "token"], sensitive);

        var webIdentity = Block("assume_role_with_web_identity");
        Assert.Equal(["web_identity_token"], webIdentity.Attributes.Where(a => a.Sensitive).Select(a => a.Name).ToArray());
        Assert.DoesNotContain(Block("assume_role").Attributes, a => a.Sensitive);
    }

    [Theory]
    [InlineData("assume_role", "duration,external_id,policy,role_arn,session_name,tags,transitive_tag_keys")]
    [InlineData("assume_role_with_web_identity", "duration,role_arn,session_name,web_identity_token,web_identity_token_file")]
    [InlineData("endpoints", "eks,iam,sts")]
    [InlineData("default_tags", "tags")]
    [InlineData("ignore_tags", "key_prefixes,keys")]
    public void Blocks_are_lists_of_at_most_one_with_the_official_attributes(string name, string attributes)
    {
        var block = Block(name);
        Assert.Equal(NestingMode.List, block.Nesting);
        Assert.Equal(1, block.MaxItems);
        Assert.Equal(0, block.MinItems);
        Assert.Equal(attributes.Split(','), block.Attributes.Select(a => a.Name).Order(StringComparer.Ordinal));
        Assert.All(block.Attributes, a => Assert.True(a.Optional && !a.Required));
    }

    [Fact]
    public void Nested_collection_types_match_upstream()
    {
        Assert.Equal(CtyType.Map(CtyType.String), Block("default_tags").Attributes.Single().Type);
        Assert.Equal(CtyType.Set(CtyType.String), Block("ignore_tags").Attributes.Single(a => a.Name == "keys").Type);
        Assert.Equal(CtyType.Map(CtyType.String), Block("assume_role").Attributes.Single(a => a.Name == "tags").Type);
        Assert.Equal(CtyType.Set(CtyType.String), Block("assume_role").Attributes.Single(a => a.Name == "transitive_tag_keys").Type);
    }

    [Fact]
    public void Every_attribute_and_block_has_a_description()
    {
        Assert.False(string.IsNullOrWhiteSpace(Schema.Description));
        Assert.All(Schema.Attributes, a => Assert.True(a.Description.Length > 10, a.Name));
        Assert.All(Schema.Blocks, b =>
        {
            Assert.True(b.Description.Length > 10, b.Name);
            Assert.All(b.Attributes, a => Assert.True(a.Description.Length > 5, b.Name + "." + a.Name));
        });
    }

    [Fact]
    public void Schema_passes_the_framework_check_and_every_resource_is_registered_once()
    {
        var provider = new AwsProvider();
        provider.Schema.Check("provider");
        Assert.Equal(provider.Resources.Count, provider.Resources.Select(r => r.TypeName).Distinct().Count());
        Assert.Equal(provider.DataSources.Count, provider.DataSources.Select(d => d.TypeName).Distinct().Count());
        Assert.All(provider.Resources, r => Assert.StartsWith("aws_", r.TypeName));
        Assert.All(provider.DataSources, d => Assert.StartsWith("aws_", d.TypeName));
    }

    private static SchemaBlock Block(string name) => Schema.Blocks.Single(b => b.Name == name);
}
