using PodIdentity.Plugin.Values;

namespace PodIdentity.Plugin.Framework;

/// <summary>A check across several top-level attributes of a whole configuration.</summary>
public interface IConfigValidator
{
    /// <summary>One line, for documentation.</summary>
    string Description { get; }

    void Validate(CtyValue config, Diagnostics diagnostics);
}

/// <summary>Factories for the standard cross-attribute validators. Unknown values make the check wait for apply.</summary>
public static class ConfigValidators
{
    /// <summary>At most one of the attributes may be set.</summary>
    public static IConfigValidator ConflictsWith(params string[] names) => new CountCheck(
        names, $"only one of {Quote(names)} can be set", 0, 1);

    /// <summary>At least one of the attributes must be set.</summary>
    public static IConfigValidator AtLeastOneOf(params string[] names) => new CountCheck(
        names, $"at least one of {Quote(names)} must be set", 1, int.MaxValue);

    /// <summary>Exactly one of the attributes must be set.</summary>
    public static IConfigValidator ExactlyOneOf(params string[] names) => new CountCheck(
        names, $"exactly one of {Quote(names)} must be set", 1, 1);

    /// <summary>Either all of the attributes are set or none is.</summary>
    public static IConfigValidator RequiredTogether(params string[] names) => new AllOrNone(names);

    private static string Quote(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"\"{n}\""));

    private sealed class CountCheck(string[] names, string description, int min, int max) : IConfigValidator
    {
        public string Description => description;

        public void Validate(CtyValue config, Diagnostics diagnostics)
        {
            if (config.IsNull || !config.IsKnown)
            {
                return;
            }

            var set = new List<string>();
            foreach (var name in names)
            {
                var v = config.GetAttribute(name);
                if (!v.IsKnown)
                {
                    return;
                }

                if (!v.IsNull)
                {
                    set.Add(name);
                }
            }

            if (set.Count < min || set.Count > max)
            {
                var path = AttributePath.Root.Attribute(set.Count > 0 ? set[^1] : names[0]);
                diagnostics.AddError("Invalid Attribute Combination", $"Attributes: {description}.", path);
            }
        }
    }

    private sealed class AllOrNone(string[] names) : IConfigValidator
    {
        public string Description => $"all of {Quote(names)} must be set together";

        public void Validate(CtyValue config, Diagnostics diagnostics)
        {
            if (config.IsNull || !config.IsKnown)
            {
                return;
            }

            var values = names.Select(config.GetAttribute).ToList();
            if (values.Any(v => !v.IsKnown))
            {
                return;
            }

            var missing = names.Where((_, i) => values[i].IsNull).ToList();
            if (missing.Count > 0 && missing.Count < names.Length)
            {
                diagnostics.AddError(
                    "Invalid Attribute Combination",
                    $"Attributes: {Description}; missing: {Quote(missing)}.",
                    AttributePath.Root.Attribute(missing[0]));
            }
        }
    }
}
