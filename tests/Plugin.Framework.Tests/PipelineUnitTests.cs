using PodIdentity.Plugin.Framework.Internal;
using PodIdentity.Plugin.Values;

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

    private static CtyValue Obj(Schema schema, params (string Name, CtyValue Value)[] attributes)
    {
        var v = ValueAccess.EmptyObject(schema.Type);
        foreach (var (n, value) in attributes)
        {
            v = v.WithAttribute(n, value);
        }

        return v;
    }

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
        var prior = Obj(schema, ("size", CtyValue.Number(10)));
        var grow = Obj(schema, ("size", CtyValue.Number(20)));
        var shrink = Obj(schema, ("size", CtyValue.Number(5)));

        Assert.Empty((await Plan(schema, prior, grow, grow)).RequiresReplace);
        Assert.Equal([AttributePath.Root.Attribute("size")], (await Plan(schema, prior, shrink, shrink)).RequiresReplace);
        Assert.Equal("shrinking replaces", schema.Attributes[0].PlanModifiers[0].Description);
    }

    [Fact]
    public async Task UseStateForUnknown_does_nothing_on_create_and_when_prior_is_null()
    {
        var schema = new Schema
        {
            Attributes =
            [
                new SchemaAttribute { Name = "id", Type = CtyType.String, Computed = true, PlanModifiers = [PlanModifiers.UseStateForUnknown()] },
                new SchemaAttribute { Name = "x", Type = CtyType.String, Optional = true },
            ],
        };
        var config = Obj(schema, ("x", CtyValue.String("1")));

        var created = await Plan(schema, CtyValue.Null(schema.Type), config, config);
        Assert.False(created.Planned.GetAttribute("id").IsKnown);

        var priorWithoutId = Obj(schema, ("x", CtyValue.String("0")));
        var updated = await Plan(schema, priorWithoutId, config, config);
        Assert.False(updated.Planned.GetAttribute("id").IsKnown);
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
        var prior = Obj(schema, ("a", CtyValue.String("1")), ("b", CtyValue.String("1")));
        var next = Obj(schema, ("a", CtyValue.String("2")), ("b", CtyValue.String("1")));

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
        var config = Obj(schema, ("endpoint", endpoint));

        var planned = (await Plan(schema, CtyValue.Null(schema.Type), config, config)).Planned.GetAttribute("endpoint");

        Assert.Equal(CtyValue.Number(443), planned.GetAttribute("port"));
        Assert.False(planned.GetAttribute("ip").IsKnown);
        Assert.Equal("h", planned.GetString("host"));
    }
}
