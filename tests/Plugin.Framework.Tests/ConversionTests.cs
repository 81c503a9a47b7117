using PodIdentity.Plugin.Framework.Internal;
using PodIdentity.Plugin.Values;
using Proto = PodIdentity.Plugin.Protocol.Tfplugin6;

namespace PodIdentity.Plugin.Framework.Tests;

public sealed class ConversionTests
{
    [Fact]
    public void Diagnostics_always_carry_a_severity_and_their_path()
    {
        var path = AttributePath.Root.Attribute("rule").Index(2).Attribute("tags").Key("env");
        var error = ProtoConvert.Diagnostic(Diagnostic.Error("bad", "very bad", path));
        var warning = ProtoConvert.Diagnostic(Diagnostic.Warning("meh"));

        Assert.Equal(Proto.Diagnostic.Types.Severity.Error, error.Severity);
        Assert.Equal(Proto.Diagnostic.Types.Severity.Warning, warning.Severity);
        Assert.Null(warning.Attribute);
        Assert.Equal("very bad", error.Detail);
        var steps = error.Attribute.Steps;
        Assert.Equal(4, steps.Count);
        Assert.Equal("rule", steps[0].AttributeName);
        Assert.Equal(2, steps[1].ElementKeyInt);
        Assert.Equal("tags", steps[2].AttributeName);
        Assert.Equal("env", steps[3].ElementKeyString);
    }

    [Fact]
    public void Diagnostics_collection_reports_errors()
    {
        var diagnostics = new Diagnostics();
        diagnostics.AddWarning("w");
        Assert.False(diagnostics.HasErrors);
        diagnostics.AddError("e");
        Assert.True(diagnostics.HasErrors);
        Assert.Equal(2, diagnostics.Count);
    }

    [Fact]
    public void Schema_converts_to_tfplugin6()
    {
        var proto = ProtoConvert.Schema(FakeResource.TheSchema);

        Assert.Equal(1, proto.Version);
        var attributes = proto.Block.Attributes.ToDictionary(a => a.Name);
        Assert.Equal(
            ["arn", "description", "enabled", "id", "kind", "name", "role_arn", "secret", "tags"],
            proto.Block.Attributes.Select(a => a.Name));
        Assert.True(attributes["name"].Required);
        Assert.True(attributes["enabled"].Optional && attributes["enabled"].Computed);
        Assert.True(attributes["secret"].Sensitive && attributes["secret"].WriteOnly);
        Assert.Equal("\"string\"", attributes["id"].Type.ToStringUtf8());
        Assert.Equal("[\"map\",\"string\"]", attributes["tags"].Type.ToStringUtf8());
        var rule = Assert.Single(proto.Block.BlockTypes);
        Assert.Equal("rule", rule.TypeName);
        Assert.Equal(Proto.Schema.Types.NestedBlock.Types.NestingMode.List, rule.Nesting);
        Assert.Equal(3, rule.MaxItems);
        Assert.Equal(["label", "port"], rule.Block.Attributes.Select(a => a.Name));
    }

    [Fact]
    public void Nested_attributes_convert_to_an_object_with_nesting()
    {
        var schema = new Schema
        {
            Attributes =
            [
                new SchemaAttribute
                {
                    Name = "ports",
                    Optional = true,
                    NestedType = new NestedAttributes
                    {
                        Nesting = NestingMode.Set,
                        Attributes = [new SchemaAttribute { Name = "n", Type = CtyType.Number, Required = true }],
                    },
                },
            ],
        };

        var attribute = Assert.Single(ProtoConvert.Schema(schema).Block.Attributes);

        Assert.True(attribute.Type.IsEmpty);
        Assert.Equal(Proto.Schema.Types.Object.Types.NestingMode.Set, attribute.NestedType.Nesting);
        Assert.Equal("n", Assert.Single(attribute.NestedType.Attributes).Name);
        Assert.Equal(
            CtyType.Set(CtyType.Object(new Dictionary<string, CtyType> { ["n"] = CtyType.Number })),
            schema.Type.AttributeTypes["ports"]);
    }

    [Fact]
    public void Schema_object_type_wraps_blocks_by_nesting()
    {
        var single = new SchemaBlock { Name = "s", Nesting = NestingMode.Single, Attributes = [new SchemaAttribute { Name = "x", Type = CtyType.String, Optional = true }] };
        var set = new SchemaBlock { Name = "t", Nesting = NestingMode.Set, Attributes = [new SchemaAttribute { Name = "x", Type = CtyType.String, Optional = true }] };
        var schema = new Schema { Blocks = [single, set] };
        var inner = CtyType.Object(new Dictionary<string, CtyType> { ["x"] = CtyType.String });

        Assert.Equal(inner, schema.Type.AttributeTypes["s"]);
        Assert.Equal(CtyType.Set(inner), schema.Type.AttributeTypes["t"]);
        Assert.Same(schema.Type, schema.Type);
    }

    [Fact]
    public void Malformed_schemas_are_rejected_at_start_up()
    {
        Assert.Throws<InvalidOperationException>(() => new Schema { Attributes = [new SchemaAttribute { Name = "x", Type = CtyType.String }] }.Check("t"));
        Assert.Throws<InvalidOperationException>(() => new Schema
        {
            Attributes = [new SchemaAttribute { Name = "x", Type = CtyType.String, Optional = true, Default = Defaults.String("d") }],
        }.Check("t"));
        Assert.Throws<InvalidOperationException>(() => new Schema
        {
            Attributes = [new SchemaAttribute { Name = "x", Type = CtyType.Bool, Optional = true, Computed = true, Default = Defaults.String("d") }],
        }.Check("t"));
        Assert.Throws<InvalidOperationException>(() => new Schema
        {
            Attributes = [new SchemaAttribute { Name = "x", Type = CtyType.Bool, Required = true }, new SchemaAttribute { Name = "x", Type = CtyType.Bool, Required = true }],
        }.Check("t"));
    }
}
