using PodIdentity.Emulator.Protocol;

namespace PodIdentity.Emulator.Eks;

/// <summary>EKS tag limits: 50 tags, keys 1-128 characters, values up to 256, no "aws:" prefix.</summary>
internal static class TagRules
{
    public const int MaxTags = 50;

    /// <summary>Checks tags (already merged with any existing ones); the caller picks the error code.</summary>
    public static void Validate(IReadOnlyDictionary<string, string> tags, Func<string, AwsError> error)
    {
        if (tags.Count > MaxTags)
        {
            throw error($"Resource can have at most {MaxTags} tags.");
        }
        foreach (var (key, value) in tags)
        {
            CheckKey(key, error);
            if (value.Length > 256)
            {
                throw error($"Tag value for key {key} must be at most 256 characters long.");
            }
        }
    }

    public static void CheckKey(string key, Func<string, AwsError> error)
    {
        if (key.Length is < 1 or > 128)
        {
            throw error("Tag keys must be between 1 and 128 characters long.");
        }
        if (key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
        {
            throw error("Tag keys with the aws: prefix are reserved for AWS use.");
        }
    }
}
