using System.Text.Json;
using System.Text.RegularExpressions;

namespace PodIdentity.Emulator.Iam;

/// <summary>IAM's documented constraints on role names, paths, policies and tags.</summary>
internal static partial class RoleValidation
{
    [GeneratedRegex(@"^[\w+=,.@-]{1,64}$")]
    private static partial Regex RoleName();

    [GeneratedRegex(@"^(/|/[\u0021-\u007E]+/)$")]
    private static partial Regex RolePath();

    [GeneratedRegex(@"^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$")]
    private static partial Regex TagKey();

    [GeneratedRegex(@"^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$")]
    private static partial Regex TagValue();

    public static void Name(string name)
    {
        if (!RoleName().IsMatch(name))
        {
            throw IamErrors.Validation($"1 validation error detected: Value '{name}' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+");
        }
    }

    public static void Path(string path)
    {
        if (path.Length > 512 || !RolePath().IsMatch(path))
        {
            throw IamErrors.Validation($"The specified value for path is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.");
        }
    }

    public static void PolicyDocument(string document)
    {
        try
        {
            using var parsed = JsonDocument.Parse(document);
            if (parsed.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw IamErrors.MalformedPolicy("Syntax errors in policy.");
            }
        }
        catch (JsonException)
        {
            throw IamErrors.MalformedPolicy("This policy contains invalid Json");
        }
    }

    public static void Tags(IReadOnlyList<KeyValuePair<string, string>> tags)
    {
        if (tags.Count > 50)
        {
            throw IamErrors.LimitExceeded("The number of tags has reached the maximum limit.");
        }
        foreach (var (key, value) in tags)
        {
            TagKeyOnly(key);
            if (value.Length > 256 || !TagValue().IsMatch(value))
            {
                throw IamErrors.Validation($"1 validation error detected: Value '{value}' at 'tags.member.value' failed to satisfy constraint: Member must have length less than or equal to 256");
            }
        }
        if (tags.Select(t => t.Key.ToLowerInvariant()).Distinct().Count() != tags.Count)
        {
            throw IamErrors.InvalidInput("Duplicate tag keys found. Please note that Tag keys are case insensitive.");
        }
    }

    public static void TagKeyOnly(string key)
    {
        if (key.Length is < 1 or > 128 || !TagKey().IsMatch(key))
        {
            throw IamErrors.Validation($"1 validation error detected: Value '{key}' at 'tags.member.key' failed to satisfy constraint: Member must have length between 1 and 128");
        }
        if (key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
        {
            throw IamErrors.InvalidInput("User-defined tag keys can't start with 'aws:'.");
        }
    }
}
