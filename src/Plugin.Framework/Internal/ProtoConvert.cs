using Google.Protobuf;
using PodIdentity.Plugin.Values;
using Proto = PodIdentity.Plugin.Protocol.Tfplugin6;

namespace PodIdentity.Plugin.Framework.Internal;

/// <summary>Framework types to tfplugin6 messages.</summary>
internal static class ProtoConvert
{
    public static IEnumerable<Proto.Diagnostic> Diagnostics(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics.Select(Diagnostic);

    public static Proto.Diagnostic Diagnostic(Diagnostic d)
    {
        var result = new Proto.Diagnostic
        {
            // Never INVALID: Terraform treats severity 0 as "not an error".
            Severity = d.Severity == DiagnosticSeverity.Warning
                ? Proto.Diagnostic.Types.Severity.Warning
                : Proto.Diagnostic.Types.Severity.Error,
            Summary = d.Summary,
            Detail = d.Detail,
        };
        if (d.Path is { IsRoot: false } path)
        {
            result.Attribute = Path(path);
        }

        return result;
    }

    public static Proto.AttributePath Path(AttributePath path)
    {
        var result = new Proto.AttributePath();
        foreach (var step in path.Steps)
        {
            result.Steps.Add(step switch
            {
                AttributeNameStep a => new Proto.AttributePath.Types.Step { AttributeName = a.Name },
                ElementKeyStringStep k => new Proto.AttributePath.Types.Step { ElementKeyString = k.Key },
                ElementKeyIntStep i => new Proto.AttributePath.Types.Step { ElementKeyInt = i.Index },
                _ => throw new InvalidOperationException($"Unknown path step {step}."),
            });
        }

        return result;
    }

    public static Proto.ResourceIdentitySchema IdentitySchema(IdentitySchema schema)
    {
        var result = new Proto.ResourceIdentitySchema { Version = schema.Version };
        result.IdentityAttributes.AddRange(schema.Attributes.Select(a => new Proto.ResourceIdentitySchema.Types.IdentityAttribute
        {
            Name = a.Name,
            Type = ByteString.CopyFromUtf8(a.Type.ToJson()),
            RequiredForImport = a.RequiredForImport,
            OptionalForImport = !a.RequiredForImport,
            Description = a.Description,
        }));
        return result;
    }

    public static Proto.Schema Schema(Schema schema) => new()
    {
        Version = schema.Version,
        Block = Block(schema.Attributes, schema.Blocks, schema.Description, schema.Deprecated, schema.Version),
    };

    private static Proto.Schema.Types.Block Block(
        IReadOnlyList<SchemaAttribute> attributes, IReadOnlyList<SchemaBlock> blocks, string description, bool deprecated, long version)
    {
        var result = new Proto.Schema.Types.Block
        {
            Version = version,
            Description = description,
            DescriptionKind = Proto.StringKind.Plain,
            Deprecated = deprecated,
        };
        result.Attributes.AddRange(attributes.OrderBy(a => a.Name, StringComparer.Ordinal).Select(Attribute));
        result.BlockTypes.AddRange(blocks.OrderBy(b => b.Name, StringComparer.Ordinal).Select(NestedBlock));
        return result;
    }

    private static Proto.Schema.Types.Attribute Attribute(SchemaAttribute a)
    {
        var result = new Proto.Schema.Types.Attribute
        {
            Name = a.Name,
            Description = a.Description,
            DescriptionKind = Proto.StringKind.Plain,
            Required = a.Required,
            Optional = a.Optional,
            Computed = a.Computed,
            Sensitive = a.Sensitive,
            Deprecated = a.Deprecated,
            WriteOnly = a.WriteOnly,
        };
        if (a.NestedType is { } nested)
        {
            var obj = new Proto.Schema.Types.Object
            {
                Nesting = nested.Nesting switch
                {
                    NestingMode.Single => Proto.Schema.Types.Object.Types.NestingMode.Single,
                    NestingMode.List => Proto.Schema.Types.Object.Types.NestingMode.List,
                    NestingMode.Set => Proto.Schema.Types.Object.Types.NestingMode.Set,
                    _ => Proto.Schema.Types.Object.Types.NestingMode.Map,
                },
            };
            obj.Attributes.AddRange(nested.Attributes.OrderBy(x => x.Name, StringComparer.Ordinal).Select(Attribute));
            result.NestedType = obj;
        }
        else
        {
            result.Type = ByteString.CopyFromUtf8(a.Type!.ToJson());
        }

        return result;
    }

    private static Proto.Schema.Types.NestedBlock NestedBlock(SchemaBlock b) => new()
    {
        TypeName = b.Name,
        Block = Block(b.Attributes, b.Blocks, b.Description, b.Deprecated, 0),
        Nesting = b.Nesting switch
        {
            NestingMode.Single => Proto.Schema.Types.NestedBlock.Types.NestingMode.Single,
            NestingMode.List => Proto.Schema.Types.NestedBlock.Types.NestingMode.List,
            _ => Proto.Schema.Types.NestedBlock.Types.NestingMode.Set,
        },
        MinItems = b.MinItems,
        MaxItems = b.MaxItems,
    };
}
