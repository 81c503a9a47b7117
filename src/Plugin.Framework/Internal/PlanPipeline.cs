using PodIdentity.Plugin.Values;

namespace PodIdentity.Plugin.Framework.Internal;

/// <summary>The outcome of planning one resource change.</summary>
internal sealed record PlanResult(CtyValue Planned, IReadOnlyList<AttributePath> RequiresReplace);

/// <summary>
/// PlanResourceChange in its fixed order: proposed new state -> defaults -> computed-but-unset marked unknown
/// (only when the plan differs from prior state) -> attribute plan modifiers -> the resource's ModifyPlan ->
/// requires-replace paths kept where the value really changes, deduplicated and sorted.
/// </summary>
internal static class PlanPipeline
{
    /// <param name="priorPrivate">The private bytes stored beside the prior state, handed to ModifyPlan.</param>
    public static async Task<PlanResult> RunAsync(
        IResource resource,
        CtyValue prior,
        CtyValue proposed,
        CtyValue config,
        byte[]? priorPrivate,
        Diagnostics diagnostics,
        CancellationToken cancellationToken)
    {
        var schema = resource.Schema;

        // Destroy: nothing to plan, but the resource may still want to warn.
        if (proposed.IsNull)
        {
            if (resource is IResourceWithModifyPlan destroying)
            {
                var destroyResponse = new ModifyPlanResponse { Plan = proposed };
                await destroying.ModifyPlanAsync(
                    new ModifyPlanRequest { Config = config, Plan = proposed, PriorState = prior, PriorPrivate = priorPrivate },
                    destroyResponse,
                    cancellationToken).ConfigureAwait(false);
                diagnostics.AddRange(destroyResponse.Diagnostics);
            }

            return new PlanResult(CtyValue.Null(schema.Type), []);
        }

        var isCreate = prior.IsNull;
        var plan = ApplyDefaults(schema, config, prior, proposed);
        plan = WriteOnly.Nullify(schema, plan);
        if (isCreate || !plan.Equals(prior))
        {
            plan = MarkComputedUnknown(schema, config, prior, plan);
        }

        var replace = new List<AttributePath>();
        plan = RunAttributeModifiers(schema, config, prior, plan, isCreate, replace, diagnostics);
        if (diagnostics.HasErrors)
        {
            return new PlanResult(plan, []);
        }

        if (resource is IResourceWithModifyPlan modifier)
        {
            var response = new ModifyPlanResponse { Plan = plan };
            await modifier.ModifyPlanAsync(
                new ModifyPlanRequest { Config = config, Plan = plan, PriorState = prior, PriorPrivate = priorPrivate },
                response,
                cancellationToken).ConfigureAwait(false);
            diagnostics.AddRange(response.Diagnostics);
            if (!response.Plan.Type.Equals(schema.Type))
            {
                throw new InvalidOperationException($"ModifyPlan of {resource.TypeName} returned a plan of the wrong type.");
            }

            plan = response.Plan;
            replace.AddRange(response.RequiresReplace);
        }

        return new PlanResult(plan, isCreate ? [] : NormalizeReplace(replace, prior, plan));
    }

    private static CtyValue ApplyDefaults(Schema schema, CtyValue config, CtyValue prior, CtyValue plan) =>
        SchemaWalk.Walk(schema.Attributes, schema.Blocks, AttributePath.Root, config, prior, plan, v =>
            v.Attribute.Default is { } d && v.Config.IsNull ? d.Value : v.Plan);

    // Computed attributes the configuration leaves null become "known after apply"; defaults were applied already.
    private static CtyValue MarkComputedUnknown(Schema schema, CtyValue config, CtyValue prior, CtyValue plan) =>
        SchemaWalk.Walk(schema.Attributes, schema.Blocks, AttributePath.Root, config, prior, plan, v =>
            v.Attribute.Computed && v.Attribute.Default is null && v.Config.IsNull
                ? CtyValue.Unknown(v.Attribute.ValueType)
                : v.Plan);

    private static CtyValue RunAttributeModifiers(
        Schema schema, CtyValue config, CtyValue prior, CtyValue plan, bool isCreate, List<AttributePath> replace, Diagnostics diagnostics) =>
        SchemaWalk.Walk(schema.Attributes, schema.Blocks, AttributePath.Root, config, prior, plan, v =>
        {
            var value = v.Plan;
            foreach (var modifier in v.Attribute.PlanModifiers)
            {
                var request = new PlanModifierRequest
                {
                    Path = v.Path,
                    ConfigValue = v.Config,
                    StateValue = v.Prior,
                    PlanValue = value,
                    IsCreate = isCreate,
                    Config = config,
                    State = prior,
                    Plan = plan,
                };
                var response = new PlanModifierResponse { PlanValue = value };
                modifier.Modify(request, response);
                diagnostics.AddRange(response.Diagnostics);
                if (!response.PlanValue.Type.Equals(v.Attribute.ValueType))
                {
                    throw new InvalidOperationException($"Plan modifier \"{modifier.Description}\" returned a value of the wrong type for {v.Path}.");
                }

                value = response.PlanValue;
                if (response.RequiresReplace)
                {
                    replace.Add(v.Path);
                }
            }

            return value;
        });

    private static List<AttributePath> NormalizeReplace(List<AttributePath> paths, CtyValue prior, CtyValue plan) =>
        paths
            .Distinct()
            .Where(p => !Equals(ValuePath.Get(prior, p), ValuePath.Get(plan, p)))
            .OrderBy(p => p.ToString(), StringComparer.Ordinal)
            .ToList();
}
