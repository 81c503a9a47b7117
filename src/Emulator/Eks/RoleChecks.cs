using PodIdentity.Emulator.Protocol;
using PodIdentity.Emulator.State;

namespace PodIdentity.Emulator.Eks;

/// <summary>How EKS checks the IAM roles it is given against the emulator's IAM.</summary>
internal static class RoleChecks
{
    public const string RoleMissing = "Role provided in the request does not exist";

    /// <summary>The role must be in this account, exist and be visible to EKS (IAM propagation faults).</summary>
    public static void RequireRole(EksCall call, EmulatorState state, string roleArn, string message = RoleMissing)
    {
        if (EksArns.ParseRole(roleArn) is not var (account, name) || account != state.AccountId
            || !state.Roles.TryGetValue(name, out var role) || !call.Context.EksCanSee(role))
        {
            throw EksErrors.InvalidParameter(message);
        }
    }

    /// <summary>A target role may live in another account; in this one it must exist.</summary>
    public static void RequireTargetRole(EksCall call, EmulatorState state, string targetRoleArn)
    {
        if (EksArns.ParseRole(targetRoleArn) is not var (account, _))
        {
            throw EksErrors.InvalidParameter("Target role ARN is not a valid IAM role ARN");
        }
        if (account == state.AccountId)
        {
            RequireRole(call, state, targetRoleArn, "Target role provided in the request does not exist");
        }
    }
}
