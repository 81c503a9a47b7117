using PodIdentity.Emulator.Protocol;

namespace PodIdentity.Emulator.Iam;

/// <summary>IAM error codes with the statuses AWS answers them with.</summary>
internal static class IamErrors
{
    public static AwsError NoSuchEntity(string message) => new("NoSuchEntity", 404, message);
    public static AwsError AlreadyExists(string message) => new("EntityAlreadyExists", 409, message);
    public static AwsError MalformedPolicy(string message) => new("MalformedPolicyDocument", 400, message);
    public static AwsError InvalidInput(string message) => new("InvalidInput", 400, message);
    public static AwsError Validation(string message) => new("ValidationError", 400, message);
    public static AwsError LimitExceeded(string message) => new("LimitExceeded", 409, message);
    public static AwsError DeleteConflict(string message) => new("DeleteConflict", 409, message);
}
