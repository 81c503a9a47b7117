using PodIdentity.Plugin.Framework.Internal;
using PodIdentity.Plugin.Values;
using static PodIdentity.Plugin.Framework.Tests.Wire;
using Proto = PodIdentity.Plugin.Protocol.Tfplugin6;

namespace PodIdentity.Plugin.Framework.Tests;

public sealed class ValidationTests
{
    private readonly ProviderService _service = new(new FakeProvider());

    private async Task<List<Proto.Diagnostic>> Validate(CtyValue config) =>
        (await _service.ValidateResourceConfig(
            new Proto.ValidateResourceConfig.Types.Request { TypeName = "fake_thing", Config = Dv(config) },
            CancellationToken.None)).Diagnostics.ToList();

    [Fact]
    public async Task Valid_config_has_no_diagnostics()
    {
        var config = Thing(("name", S("web")), ("role_arn", S("arn:aws:iam::123456789012:role/r")), ("tags", new Dictionary<string, string> { ["environment"] = "development" }), ("kind", S("a")));

        Assert.Empty(await Validate(config));
    }

    [Fact]
    public async Task Unknown_type_name_is_an_error_diagnostic()
    {
        var response = await _service.ValidateResourceConfig(
            new Proto.ValidateResourceConfig.Types.Request { TypeName = "fake_missing", Config = new Proto.DynamicValue() },
            CancellationToken.None);

        var d = Assert.Single(response.Diagnostics);
        Assert.Equal(Proto.Diagnostic.Types.Severity.Error, d.Severity);
        Assert.Equal("Resource Type Not Found", d.Summary);
    }

    [Fact]
    public async Task String_length_error_points_at_the_attribute()
    {
        var d = Assert.Single(await Validate(Thing(("name", S("much-too-long-name")))));

        Assert.Equal(Proto.Diagnostic.Types.Severity.Error, d.Severity);
        Assert.Equal("name", Path(d.Attribute));
        Assert.Contains("between 1 and 10", d.Detail);
    }

    [Fact]
    public async Task Arn_validator_rejects_other_services_and_garbage()
    {
        var wrongService = await Validate(Thing(("name", S("w")), ("role_arn", S("arn:aws:s3:::bucket/key"))));
        var garbage = await Validate(Thing(("name", S("w")), ("role_arn", S("role/r"))));

        Assert.Equal("role_arn", Path(Assert.Single(wrongService).Attribute));
        Assert.Equal("role_arn", Path(Assert.Single(garbage).Attribute));
    }

    [Fact]
    public async Task One_of_and_regex_validators_both_run()
    {
        var diagnostics = await Validate(Thing(("name", S("w")), ("kind", S("zz"))));

        Assert.Equal(2, diagnostics.Count);
        Assert.All(diagnostics, d => Assert.Equal("kind", Path(d.Attribute)));
    }

    [Fact]
    public async Task Unknown_values_are_not_validated()
    {
        var config = Thing(("name", CtyValue.Unknown(CtyType.String)), ("role_arn", CtyValue.Unknown(CtyType.String)),
            ("tags", CtyValue.Map(CtyType.String, [KeyValuePair.Create("abc", CtyValue.Unknown(CtyType.String))])));

        Assert.Empty(await Validate(config));
    }

    [Fact]
    public async Task Conflicting_attributes_are_reported()
    {
        var d = Assert.Single(await Validate(Thing(("name", S("w")), ("description", S("d")), ("role_arn", S("arn:aws:iam::123456789012:role/r")))));

        Assert.Equal("Invalid Attribute Combination", d.Summary);
        Assert.Equal("role_arn", Path(d.Attribute));
    }

    [Fact]
    public async Task Data_source_and_provider_configs_are_validated_too()
    {
        var ds = await _service.ValidateDataResourceConfig(new Proto.ValidateDataResourceConfig.Types.Request
        {
            TypeName = "fake_lookup",
            Config = Dv(CtyValue.Object(new FakeDataSource().Schema.Type, new Dictionary<string, CtyValue>
            {
                ["name"] = S("x"),
                ["value"] = CtyValue.Null(CtyType.String),
            })),
        }, CancellationToken.None);
        var provider = await _service.ValidateProviderConfig(new Proto.ValidateProviderConfig.Types.Request
        {
            Config = Dv(ValueAccess.EmptyObject(new FakeProvider().Schema.Type).WithString("region", "x")),
        }, CancellationToken.None);

        Assert.Equal("name", Path(Assert.Single(ds.Diagnostics).Attribute));
        Assert.Equal("region", Path(Assert.Single(provider.Diagnostics).Attribute));
    }

    [Fact]
    public async Task Write_only_attributes_need_client_support()
    {
        var config = Thing(("name", S("w")), ("secret", S("s")));

        var withoutCapabilities = await Validate(config);
        var allowed = await _service.ValidateResourceConfig(new Proto.ValidateResourceConfig.Types.Request
        {
            TypeName = "fake_thing",
            Config = Dv(config),
            ClientCapabilities = new Proto.ClientCapabilities { WriteOnlyAttributesAllowed = true },
        }, CancellationToken.None);

        Assert.Equal("secret", Path(Assert.Single(withoutCapabilities).Attribute));
        Assert.Empty(allowed.Diagnostics);
    }

    [Fact]
    public void Validators_run_inside_set_blocks_with_the_path_of_the_set()
    {
        var schema = new Schema
        {
            Blocks =
            [
                new SchemaBlock
                {
                    Name = "statement",
                    Nesting = NestingMode.Set,
                    Attributes = [new SchemaAttribute { Name = "sid", Type = CtyType.String, Required = true, Validators = [Validators.StringLengthAtLeast(2)] }],
                },
            ],
        };
        var element = (ObjectType)((SetType)schema.Type.AttributeTypes["statement"]).ElementType;
        var config = CtyValue.Object(schema.Type, new Dictionary<string, CtyValue>
        {
            ["statement"] = CtyValue.Set(element, [
                CtyValue.Object(element, new Dictionary<string, CtyValue> { ["sid"] = S("ok") }),
                CtyValue.Object(element, new Dictionary<string, CtyValue> { ["sid"] = S("x") }),
            ]),
        });
        var diagnostics = new Diagnostics();

        ConfigValidation.Run(schema, config, diagnostics);

        var d = Assert.Single(diagnostics);
        Assert.Equal("statement.sid", d.Path!.ToString());
    }

    private static bool Check(IConfigValidator validator, CtyValue config)
    {
        var diagnostics = new Diagnostics();
        validator.Validate(config, diagnostics);
        return diagnostics.HasErrors;
    }
}
