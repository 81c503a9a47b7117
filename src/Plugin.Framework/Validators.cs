using System.Text.RegularExpressions;
using PodIdentity.Plugin.Values;

namespace PodIdentity.Plugin.Framework;

/// <summary>A single-purpose check of one attribute value. Only called with known, non-null values.</summary>
public interface IValueValidator
{
    /// <summary>One line, for documentation.</summary>
    string Description { get; }

    void Validate(AttributePath path, CtyValue value, Diagnostics diagnostics);
}

/// <summary>Factories for the standard attribute validators.</summary>
public static class Validators
{
    public static IValueValidator StringLengthBetween(int min, int max) => new StringCheck(
        $"string length must be between {min} and {max}",
        s => s.Length >= min && s.Length <= max);

    public static IValueValidator StringLengthAtLeast(int min) => new StringCheck(
        $"string length must be at least {min}",
        s => s.Length >= min);

    public static IValueValidator StringMatches(Regex pattern, string message)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        return new StringCheck(message, pattern.IsMatch);
    }

    public static IValueValidator StringOneOf(params string[] values)
    {
        var allowed = values.ToHashSet(StringComparer.Ordinal);
        return new StringCheck(
            "value must be one of: " + string.Join(", ", values.Select(v => $"\"{v}\"")),
            allowed.Contains);
    }

    /// <summary>An ARN: <c>arn:partition:service:region:account:resource</c>, optionally for one service.</summary>
    public static IValueValidator Arn(string? service = null)
    {
        var svc = service is null ? "[^:]+" : Regex.Escape(service);
        var pattern = new Regex($"^arn:aws[a-z0-9-]*:{svc}:[a-z0-9-]*:([0-9]{{12}})?:.+$", RegexOptions.CultureInvariant);
        return new StringCheck(service is null ? "value must be a valid ARN" : $"value must be a valid {service} ARN", pattern.IsMatch);
    }

    /// <summary>Element count of a list, set or map.</summary>
    public static IValueValidator SizeBetween(int min, int max) => new SizeCheck(min, max);

    public static IValueValidator SizeAtLeast(int min) => new SizeCheck(min, int.MaxValue);

    public static IValueValidator SizeAtMost(int max) => new SizeCheck(0, max);

    public static IValueValidator MapKeysLengthBetween(int min, int max) => new MapCheck(
        $"map keys must be between {min} and {max} characters long", min, max, keys: true);

    public static IValueValidator MapValuesLengthBetween(int min, int max) => new MapCheck(
        $"map values must be between {min} and {max} characters long", min, max, keys: false);

    private sealed class StringCheck(string description, Func<string, bool> accept) : IValueValidator
    {
        public string Description => description;

        public void Validate(AttributePath path, CtyValue value, Diagnostics diagnostics)
        {
            var s = value.AsString();
            if (!accept(s))
            {
                diagnostics.AddError("Invalid Attribute Value", $"Attribute {path} {description}, got: \"{s}\"", path);
            }
        }
    }

    private sealed class SizeCheck(int min, int max) : IValueValidator
    {
        public string Description => max == int.MaxValue
            ? $"must contain at least {min} elements"
            : $"must contain between {min} and {max} elements";

        public void Validate(AttributePath path, CtyValue value, Diagnostics diagnostics)
        {
            // A set with unknown elements may still collapse duplicates: its size is not final.
            if (value.Type is SetType && !value.IsWhollyKnown)
            {
                return;
            }

            var count = value.Type is MapType ? value.MapEntries.Count() : value.Elements.Count();
            if (count < min || count > max)
            {
                diagnostics.AddError("Invalid Attribute Value", $"Attribute {path} {Description}, got: {count}", path);
            }
        }
    }

    private sealed class MapCheck(string description, int min, int max, bool keys) : IValueValidator
    {
        public string Description => description;

        public void Validate(AttributePath path, CtyValue value, Diagnostics diagnostics)
        {
            foreach (var (key, element) in value.MapEntries)
            {
                if (keys)
                {
                    if (key.Length < min || key.Length > max)
                    {
                        diagnostics.AddError("Invalid Attribute Value", $"Attribute {path} {description}, got key: \"{key}\"", path.Key(key));
                    }

                    continue;
                }

                if (!element.IsKnown || element.IsNull)
                {
                    continue;
                }

                var s = element.AsString();
                if (s.Length < min || s.Length > max)
                {
                    diagnostics.AddError("Invalid Attribute Value", $"Attribute {path.Key(key)} {description}, got: \"{s}\"", path.Key(key));
                }
            }
        }
    }
}
