using PodIdentity.Plugin.Framework;
using PodIdentity.Plugin.Values;

namespace PodIdentity.DocsGen.Tests;

/// <summary>What the reference shows for each property of a framework schema, including those the protocol lacks.</summary>
public sealed class SchemaMarkdownTests
{
    private static readonly Schema Sample = new()
    {
        Description = "A sample.",
        Attributes =
        [
            new SchemaAttribute
            {
                Name = "name",
                Type = CtyType.String,
                Required = true,
                Description = "The name.",
                PlanModifiers = [PlanModifiers.RequiresReplace()],
                Validators = [Validators.StringLengthBetween(1, 10)],
            },
            new SchemaAttribute
            {
                Name = "zone",
                Type = CtyType.String,
                Optional = true,
                Description = "The zone.",
                PlanModifiers = [PlanModifiers.RequiresReplaceIfConfigured()],
            },
            new SchemaAttribute { Name = "enabled", Type = CtyType.Bool, Optional = true, Computed = true, Default = Defaults.Bool(true), Description = "On or off." },
            new SchemaAttribute { Name = "secret", Type = CtyType.String, Optional = true, Sensitive = true, Description = "A secret." },
            new SchemaAttribute { Name = "password_wo", Type = CtyType.String, Optional = true, WriteOnly = true, Description = "Never stored." },
            new SchemaAttribute
            {
                Name = "arn",
                Type = CtyType.String,
                Computed = true,
                Description = "The ARN.",
                PlanModifiers = [PlanModifiers.UseStateForUnknown()],
            },
            new SchemaAttribute
            {
                Name = "items",
                Computed = true,
                Description = "The items.",
                NestedType = new NestedAttributes
                {
                    Nesting = NestingMode.List,
                    Attributes = [new SchemaAttribute { Name = "id", Type = CtyType.String, Computed = true, Description = "An id." }],
                },
            },
        ],
        Blocks =
        [
            new SchemaBlock
            {
                Name = "settings",
                Nesting = NestingMode.List,
                MaxItems = 1,
                Description = "Settings.",
                Attributes = [new SchemaAttribute { Name = "size", Type = CtyType.Number, Required = true, Description = "The size." }],
            },
            new SchemaBlock
            {
                Name = "timeouts",
                Nesting = NestingMode.Single,
                Description = "Waits.",
                Attributes = [new SchemaAttribute { Name = "create", Type = CtyType.String, Optional = true, Description = "Create." }],
            },
        ],
    };

    private static string Render() => SchemaMarkdown.Render(ProviderSchemaSource.Convert(Sample, ["exactly one of a, b must be set"]), new HashSet<string> { "timeouts" });

    [Fact]
    public void RequiredArgumentsShowForcesReplacementAndTheirChecks()
    {
        var text = Render();

        Assert.Contains("### Required\n\n- `name` (String, Forces replacement) The name. Checked at plan time: string length must be between 1 and 10.\n", text);
        Assert.Contains("Checked at plan time: exactly one of a, b must be set.", text);
    }

    [Fact]
    public void ConditionalReplacementDefaultsSensitiveAndWriteOnlyAreShown()
    {
        var text = Render();

        Assert.Contains("- `zone` (String) The zone. If the value of this attribute is configured and changes, Terraform will destroy and recreate the resource.\n", text);
        Assert.Contains("- `enabled` (Boolean) On or off. Defaults to true.\n", text);
        Assert.Contains("- `secret` (String, Sensitive) A secret.\n", text);
        Assert.Contains("- `password_wo` (String, Write-only) Never stored.\n", text);
    }

    [Fact]
    public void ReadOnlyAttributesAndNestedSchemasHaveTheirOwnSections()
    {
        var text = Render();

        Assert.Contains("## Attribute Reference\n\nIn addition to the arguments above, these attributes are exported:\n\n- `arn` (String) The ARN.\n", text);
        Assert.Contains("- `items` (List of Attributes) The items. See [below for nested schema](#nestedatt--items).", text);
        Assert.Contains("<a id=\"nestedatt--items\"></a>\n### Nested Schema for `items`\n\n- `id` (String) An id.\n", text);
        Assert.Contains("- `settings` (Block List, Max: 1) Settings. See [below for nested schema](#nestedblock--settings).", text);
        Assert.Contains("### Nested Schema for `settings`\n\n- `size` (Number) The size.\n", text);
        // The timeouts block links to its own section instead of a nested schema.
        Assert.Contains("- `timeouts` (Block) Waits. See [Timeouts](#timeouts).", text);
        Assert.DoesNotContain("nestedblock--timeouts", text);
        Assert.DoesNotContain("\n\n\n", text);
    }
}
