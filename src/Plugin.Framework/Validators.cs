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
}
