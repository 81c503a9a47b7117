using PodIdentity.Plugin.Values;

namespace PodIdentity.Plugin.Framework.Internal;

/// <summary>Runs attribute and block validators over a configuration, skipping null and unknown values.</summary>
internal static class ConfigValidation
{
    public static void Run(Schema schema, CtyValue config, Diagnostics diagnostics)
    {
        if (config.IsNull || !config.IsKnown)
        {
            return;
        }

        SchemaWalk.Visit(schema.Attributes, schema.Blocks, config, v =>
        {
            if (v.Plan.IsNull || !v.Plan.IsKnown)
            {
                return;
            }

            foreach (var validator in v.Attribute.Validators)
            {
                validator.Validate(v.Path, v.Plan, diagnostics);
            }
        });
        RunBlocks(schema.Blocks, AttributePath.Root, config, diagnostics);
    }

    /// <summary>Clients that cannot handle write-only attributes (OpenTofu, Terraform before 1.11) must not set them.</summary>
    public static void CheckWriteOnly(Schema schema, CtyValue config, bool clientAllowsWriteOnly, Diagnostics diagnostics)
    {
        if (clientAllowsWriteOnly || config.IsNull || !config.IsKnown)
        {
            return;
        }

        SchemaWalk.Visit(schema.Attributes, schema.Blocks, config, v =>
        {
            if (v.Attribute.WriteOnly && !v.Plan.IsNull)
            {
                diagnostics.AddError(
                    "Write-only Attribute Not Allowed",
                    $"The attribute {v.Path} is write-only, and this Terraform/OpenTofu version does not support write-only attributes.",
                    v.Path);
            }
        });
    }

    // Block validators see the whole block value (object, list or set of objects).
    private static void RunBlocks(IReadOnlyList<SchemaBlock> blocks, AttributePath path, CtyValue obj, Diagnostics diagnostics)
    {
        foreach (var b in blocks)
        {
            var value = obj.GetAttribute(b.Name);
            if (value.IsNull || !value.IsKnown)
            {
                continue;
            }

            var p = path.Attribute(b.Name);
            foreach (var validator in b.Validators)
            {
                validator.Validate(p, value, diagnostics);
            }

            if (b.Blocks.Count == 0)
            {
                continue;
            }

            switch (b.Nesting)
            {
                case NestingMode.Single:
                    RunBlocks(b.Blocks, p, value, diagnostics);
                    break;
                case NestingMode.Set:
                    foreach (var element in value.Elements.Where(e => e is { IsNull: false, IsKnown: true }))
                    {
                        RunBlocks(b.Blocks, p, element, diagnostics);
                    }

                    break;
                case NestingMode.List:
                    for (var i = 0; i < value.Count; i++)
                    {
                        if (value.Elements[i] is { IsNull: false, IsKnown: true } element)
                        {
                            RunBlocks(b.Blocks, p.Index(i), element, diagnostics);
                        }
                    }

                    break;
            }
        }
    }
}
