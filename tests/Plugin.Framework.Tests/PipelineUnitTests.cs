using PodIdentity.Plugin.Framework.Internal;
using PodIdentity.Plugin.Values;
using PodIdentity.TestSupport;

namespace PodIdentity.Plugin.Framework.Tests;

/// <summary>Plan modifiers and the pipeline against a tiny schema, without the wire.</summary>
public sealed class PipelineUnitTests
{
    private sealed class Minimal(Schema schema) : IResource
    {
        public string TypeName => "minimal";

        public Schema Schema => schema;

        public Task CreateAsync(CreateRequest request, CreateResponse response, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task ReadAsync(ReadRequest request, ReadResponse response, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task UpdateAsync(UpdateRequest request, UpdateResponse response, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task DeleteAsync(DeleteRequest request, DeleteResponse response, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private static Task<PlanResult> Plan(Schema schema, CtyValue prior, CtyValue proposed, CtyValue config, Diagnostics? diagnostics = null) =>
        PlanPipeline.RunAsync(new Minimal(schema), prior, proposed, config, null, diagnostics ?? new Diagnostics(), CancellationToken.None);

    [Fact]
    public async Task RequiresReplaceIf_uses_its_predicate()
    {
        var schema = new Schema
        {
            Attributes =
            [
                new SchemaAttribute
                {
                    Name = "size",
                    Type = CtyType.Number,
                    Optional = true,
                    PlanModifiers = [PlanModifiers.RequiresReplaceIf(r => r.PlanValue.IsKnown && !r.PlanValue.IsNull && r.PlanValue.AsNumber().ToDouble() < r.StateValue.AsNumber().ToDouble(), "shrinking replaces")],
                },
            ],
        };
        var prior = TestValues.Object(schema.Type, ("size", CtyValue.Number(10)));
        var grow = TestValues.Object(schema.Type, ("size", CtyValue.Number(20)));
        var shrink = TestValues.Object(schema.Type, ("size", CtyValue.Number(5)));

        Assert.Empty((await Plan(schema, prior, grow, grow)).RequiresReplace);
        Assert.Equal([AttributePath.Root.Attribute("size")], (await Plan(schema, prior, shrink, shrink)).RequiresReplace);
        Assert.Equal("shrinking replaces", schema.Attributes[0].PlanModifiers[0].Description);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task UseStateForUnknown_keeps_null_and_known_prior_values_and_the_non_null_variant_only_known_ones(bool keepNull)
    {
        var schema = new Schema
        {
            Attributes =
            [
                new SchemaAttribute
                {
                    Name = "id",
                    Type = CtyType.String,
                    Computed = true,
                    PlanModifiers = [keepNull ? PlanModifiers.UseStateForUnknown() : PlanModifiers.UseNonNullStateForUnknown()],
                },
                new SchemaAttribute { Name = "x", Type = CtyType.String, Optional = true },
            ],
        };
        var config = TestValues.Object(schema.Type, ("x", CtyValue.String("1")));

        var created = await Plan(schema, CtyValue.Null(schema.Type), config, config);
        Assert.False(created.Planned.GetAttribute("id").IsKnown);

        var withId = await Plan(schema, TestValues.Object(schema.Type, ("id", CtyValue.String("i-1")), ("x", CtyValue.String("0"))), config, config);
        Assert.Equal(CtyValue.String("i-1"), withId.Planned.GetAttribute("id"));

        var withoutId = await Plan(schema, TestValues.Object(schema.Type, ("x", CtyValue.String("0"))), config, config);
        Assert.Equal(keepNull, withoutId.Planned.GetAttribute("id").IsKnown);
        Assert.True(withoutId.Planned.GetAttribute("id").IsNull || !keepNull);
    }

    [Fact]
    public async Task UseStateWhileUnchanged_keeps_state_only_while_the_named_attributes_keep_their_values()
    {
        var schema = new Schema
        {
            Attributes =
            [
                new SchemaAttribute { Name = "target", Type = CtyType.String, Optional = true },
                new SchemaAttribute { Name = "other", Type = CtyType.String, Optional = true },
                new SchemaAttribute
                {
                    Name = "token",
                    Type = CtyType.String,
                    Computed = true,
                    PlanModifiers = [PlanModifiers.UseStateWhileUnchanged("target")],
                },
            ],
        };
        var prior = TestValues.Object(schema.Type, ("target", CtyValue.String("t1")), ("other", CtyValue.String("a")), ("token", CtyValue.String("tok")));
        CtyValue Config(CtyValue target, string other) => TestValues.Object(schema.Type, ("target", target), ("other", CtyValue.String(other)));
        async Task<CtyValue> Token(CtyValue target, string other) =>
            (await Plan(schema, prior, Config(target, other), Config(target, other))).Planned.GetAttribute("token");

        Assert.Equal(CtyValue.String("tok"), await Token(CtyValue.String("t1"), "b"));
        Assert.False((await Token(CtyValue.String("t2"), "b")).IsKnown);
        Assert.False((await Token(CtyValue.Unknown(CtyType.String), "b")).IsKnown);
        Assert.False((await Plan(schema, CtyValue.Null(schema.Type), Config(CtyValue.String("t1"), "a"), Config(CtyValue.String("t1"), "a")))
            .Planned.GetAttribute("token").IsKnown);

        // A null prior value is kept too: it belongs to the unchanged attributes as much as a known one.
        prior = prior.WithAttribute("token", CtyValue.Null(CtyType.String));
        var kept = await Token(CtyValue.String("t1"), "b");
        Assert.True(kept.IsKnown && kept.IsNull);
        Assert.Contains("target", schema.Attributes[2].PlanModifiers[0].Description);
    }

    [Fact]
    public async Task Requires_replace_from_ModifyPlan_is_dropped_where_nothing_changed()
    {
        var schema = new Schema
        {
            Attributes =
            [
                new SchemaAttribute { Name = "a", Type = CtyType.String, Optional = true },
                new SchemaAttribute { Name = "b", Type = CtyType.String, Optional = true },
            ],
        };
        var resource = new ReplaceAll(schema);
        var prior = TestValues.Object(schema.Type, ("a", CtyValue.String("1")), ("b", CtyValue.String("1")));
        var next = TestValues.Object(schema.Type, ("a", CtyValue.String("2")), ("b", CtyValue.String("1")));

        var result = await PlanPipeline.RunAsync(resource, prior, next, next, null, new Diagnostics(), CancellationToken.None);

        Assert.Equal([AttributePath.Root.Attribute("a")], result.RequiresReplace);
    }

    private sealed class ReplaceAll(Schema schema) : IResourceWithModifyPlan
    {
        public string TypeName => "replace_all";

        public Schema Schema => schema;

        public Task ModifyPlanAsync(ModifyPlanRequest request, ModifyPlanResponse response, CancellationToken cancellationToken)
        {
            // Duplicates and unchanged paths must be normalised away.
            response.RequiresReplace.AddRange([AttributePath.Root.Attribute("b"), AttributePath.Root.Attribute("a"), AttributePath.Root.Attribute("a")]);
            return Task.CompletedTask;
        }

        public Task CreateAsync(CreateRequest request, CreateResponse response, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task ReadAsync(ReadRequest request, ReadResponse response, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task UpdateAsync(UpdateRequest request, UpdateResponse response, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task DeleteAsync(DeleteRequest request, DeleteResponse response, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    [Fact]
    public async Task Nested_single_attribute_computed_child_becomes_unknown_on_create()
    {
        var schema = new Schema
        {
            Attributes =
            [
                new SchemaAttribute
                {
                    Name = "endpoint",
                    Optional = true,
                    NestedType = new NestedAttributes
                    {
                        Nesting = NestingMode.Single,
                        Attributes =
                        [
                            new SchemaAttribute { Name = "host", Type = CtyType.String, Required = true },
                            new SchemaAttribute { Name = "port", Type = CtyType.Number, Optional = true, Computed = true, Default = Defaults.Number(443) },
                            new SchemaAttribute { Name = "ip", Type = CtyType.String, Computed = true },
                        ],
                    },
                },
            ],
        };
        var endpointType = (ObjectType)schema.Type.AttributeTypes["endpoint"];
        var endpoint = CtyValue.Object(endpointType, new Dictionary<string, CtyValue>
        {
            ["host"] = CtyValue.String("h"),
            ["port"] = CtyValue.Null(CtyType.Number),
            ["ip"] = CtyValue.Null(CtyType.String),
        });
        var config = TestValues.Object(schema.Type, ("endpoint", endpoint));

        var planned = (await Plan(schema, CtyValue.Null(schema.Type), config, config)).Planned.GetAttribute("endpoint");

        Assert.Equal(CtyValue.Number(443), planned.GetAttribute("port"));
        Assert.False(planned.GetAttribute("ip").IsKnown);
        Assert.Equal("h", planned.GetString("host"));
    }
}
