using PodIdentity.Emulator.State;

namespace PodIdentity.Emulator.Iam;

/// <summary>Builds a role record with its generated id and ARN.</summary>
internal static class RoleFactory
{
    public static Role Create(string account, string name, string path, string policy, string? description,
        List<KeyValuePair<string, string>> tags, DateTimeOffset now) => new()
        {
            Name = name,
            Path = path,
            RoleId = Ids.RoleId(),
            Arn = $"arn:aws:iam::{account}:role{path}{name}",
            CreateDate = now,
            AssumeRolePolicyDocument = policy,
            Description = description,
            Tags = tags,
        };
}
