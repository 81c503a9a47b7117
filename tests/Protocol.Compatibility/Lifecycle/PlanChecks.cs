using PodIdentity.Plugin.Values;
using PodIdentity.Protocol.Compatibility.Wire;

namespace PodIdentity.Protocol.Compatibility.Lifecycle;

/// <summary>
/// The checks both clients make on a provider's answers (plans/objchange): AssertPlanValid on a plan
/// ("Provider produced invalid plan") and AssertObjectCompatible between a plan and the apply-time plan or the applied
/// object ("inconsistent final plan", "inconsistent result after apply"). Top-level attributes, as our schemas have.
/// </summary>
internal static class PlanChecks
{
    public static void AssertPlanValid(SchemaShape shape, CtyValue prior, CtyValue config, CtyValue planned)
    {
        var problems = new List<string>();
        foreach (var attribute in shape.Attributes)
        {
            var p = planned.GetAttribute(attribute.Name);
            var c = config.GetAttribute(attribute.Name);
            var before = prior.IsNull ? CtyValue.Null(p.Type) : prior.GetAttribute(attribute.Name);
            if (!p.IsKnown && !attribute.Computed)
            {
                problems.Add($"{attribute.Name}: planned value is unknown but the attribute is not computed");
                continue;
            }

            var valid = p.Equals(c)
                || (p.Equals(before) && !before.IsNull && !c.IsNull)
                || (attribute.Computed && !attribute.Optional)
                || (c.IsNull && attribute.Computed);
            if (!valid)
            {
                problems.Add($"{attribute.Name}: planned value {p} does not match config value {c}" + (before.IsNull ? "" : $" nor prior value {before}"));
            }
        }

        Assert.True(problems.Count == 0, "Provider produced invalid plan: " + string.Join("; ", problems));
    }

    /// <summary>Every value known in <paramref name="planned"/> is the same in <paramref name="actual"/>.</summary>
    public static void AssertObjectCompatible(SchemaShape shape, CtyValue planned, CtyValue actual, string what)
    {
        var problems = new List<string>();
        foreach (var name in shape.Type.AttributeTypes.Keys)
        {
            var p = planned.GetAttribute(name);
            var a = actual.GetAttribute(name);
            if (p.IsWhollyKnown && !p.Equals(a))
            {
                problems.Add($"{name}: was {p}, but now {a}");
            }
        }

        Assert.True(problems.Count == 0, $"Provider produced {what}: " + string.Join("; ", problems));
    }

    /// <summary>What the next plan must show after an apply or an import: no change at all.</summary>
    public static void AssertNoChanges(PlannedChange change)
    {
        Assert.Empty(change.RequiresReplace);
        Assert.True(change.Planned.Equals(change.Prior), $"expected no changes, but the plan differs from state:\nprior   {change.Prior}\nplanned {change.Planned}");
    }
}
