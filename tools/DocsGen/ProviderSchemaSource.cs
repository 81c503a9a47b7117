using PodIdentity.Plugin.Framework;
using PodIdentity.Plugin.Values;
using PodIdentity.Provider;

namespace PodIdentity.DocsGen;

/// <summary>
/// The one place that reads the provider's schema objects (Plugin.Framework) and turns them into the Doc* model.
/// Things the protocol schema does not carry come from here: defaults, forces-replacement, validator descriptions.
/// </summary>
internal static class ProviderSchemaSource
{
    public const string ProviderName = "podidentity/aws";

    public static DocProvider Load()
    {
        var provider = new AwsProvider();
        return new DocProvider(
            ProviderName,
            Convert(provider.Schema, []),
            provider.Resources.Select(r => new DocType(r.TypeName, Convert(r.Schema, ConfigChecks(r)))).OrderBy(t => t.Name, StringComparer.Ordinal).ToArray(),
            provider.DataSources.Select(d => new DocType(d.TypeName, Convert(d.Schema, []))).OrderBy(t => t.Name, StringComparer.Ordinal).ToArray());
    }

    private static IReadOnlyList<string> ConfigChecks(IResource resource) =>
        resource is IResourceWithConfigValidators v ? v.ConfigValidators.Select(c => c.Description).ToArray() : [];

    /// <summary>One framework schema as the docs see it (also what the generator's tests check).</summary>
    public static DocSchema Convert(Schema schema, IReadOnlyList<string> checks) =>
        new(schema.Description, schema.Attributes.Select(Convert).ToArray(), schema.Blocks.Select(Convert).ToArray(), checks);

    private static DocBlock Convert(SchemaBlock block) => new(
        block.Name,
        block.Nesting.ToString(),
        block.MinItems,
        block.MaxItems,
        block.Deprecated,
        new DocSchema(
            block.Description,
            block.Attributes.Select(Convert).ToArray(),
            block.Blocks.Select(Convert).ToArray(),
            block.Validators.Select(v => v.Description).ToArray()));

    private static DocAttribute Convert(SchemaAttribute a) => new(
        a.Name,
        a.NestedType is { } n ? NestingText(n.Nesting) : TypeText(a.ValueType),
        a.Description,
        a.Required,
        a.Optional,
        a.Computed,
        a.Sensitive,
        a.WriteOnly,
        a.Deprecated,
        Replacement(a),
        a.Default?.Description,
        a.Validators.Select(v => v.Description).ToArray(),
        a.NestedType is { } nested ? new DocSchema("", nested.Attributes.Select(Convert).ToArray(), [], [])
            : ObjectOf(a.ValueType) is { } obj ? ObjectSchema(obj) : null);

    private static string NestingText(NestingMode nesting) => nesting switch
    {
        NestingMode.Single => "Attributes",
        _ => $"{nesting} of Attributes",
    };

    private static string TypeText(CtyType type) => type switch
    {
        ListType l => "List of " + TypeText(l.ElementType),
        SetType s => "Set of " + TypeText(s.ElementType),
        MapType m => "Map of " + TypeText(m.ElementType),
        ObjectType => "Object",
        _ when type.Equals(CtyType.String) => "String",
        _ when type.Equals(CtyType.Number) => "Number",
        _ when type.Equals(CtyType.Bool) => "Boolean",
        _ => "Dynamic",
    };

    private static ObjectType? ObjectOf(CtyType type) => type switch
    {
        ObjectType o => o,
        ListType { ElementType: ObjectType o } => o,
        SetType { ElementType: ObjectType o } => o,
        MapType { ElementType: ObjectType o } => o,
        _ => null,
    };

    // Object-typed values carry no descriptions: list their attributes with types only.
    private static DocSchema ObjectSchema(ObjectType type) => new("", type.AttributeTypes
        .OrderBy(kv => kv.Key, StringComparer.Ordinal)
        .Select(kv => new DocAttribute(kv.Key, TypeText(kv.Value), "", false, false, true, false, false, false, null, null, [],
            ObjectOf(kv.Value) is { } inner ? ObjectSchema(inner) : null))
        .ToArray(), [], []);

    /// <summary>
    /// Asks each plan modifier what it does with a changed value on update: the modifiers say so through
    /// RequiresReplace, whatever factory made them. A conditional one also gets its own one-line description.
    /// </summary>
    private static string? Replacement(SchemaAttribute a)
    {
        if (Samples(a.ValueType) is not var (before, after))
        {
            return null;
        }

        foreach (var modifier in a.PlanModifiers)
        {
            var response = new PlanModifierResponse { PlanValue = after };
            try
            {
                modifier.Modify(
                    new PlanModifierRequest
                    {
                        Path = AttributePath.Root.Attribute(a.Name),
                        ConfigValue = after,
                        StateValue = before,
                        PlanValue = after,
                        IsCreate = false,
                        Config = CtyValue.Null(CtyType.Dynamic),
                    },
                    response);
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException or NullReferenceException)
            {
                // A conditional modifier that looks at the rest of the configuration: its description says when.
                return modifier.Description;
            }

            if (response.RequiresReplace)
            {
                return modifier.Description == PlanModifiers.RequiresReplace().Description ? "" : modifier.Description;
            }
        }

        return null;
    }

    private static (CtyValue Before, CtyValue After)? Samples(CtyType type) =>
        type.Equals(CtyType.String) ? (CtyValue.String("before"), CtyValue.String("after"))
        : type.Equals(CtyType.Bool) ? (CtyValue.Bool(false), CtyValue.Bool(true))
        : type.Equals(CtyType.Number) ? (CtyValue.Number(1), CtyValue.Number(2))
        : null;
}
