namespace PodIdentity.Provider.Checks;

/// <summary>The parts of an IAM role ARN the checks need: <c>arn:PARTITION:iam::ACCOUNT:role/[PATH/]NAME</c>.</summary>
internal sealed record RoleArn(string Value, string Partition, string Account, string Name)
{
    public static RoleArn? Parse(string? arn)
    {
        var parts = arn?.Split(':', 6);
        if (parts is not { Length: 6 } || parts[0] != "arn" || parts[2] != "iam" || parts[1].Length == 0
            || !parts[5].StartsWith("role/", StringComparison.Ordinal))
        {
            return null;
        }

        // GetRole takes the bare name; a path (role/team/name) is not part of it.
        var name = parts[5][(parts[5].LastIndexOf('/') + 1)..];
        return name.Length == 0 ? null : new RoleArn(arn!, parts[1], parts[4], name);
    }
}
