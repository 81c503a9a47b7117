namespace PodIdentity.Emulator.Protocol;

/// <summary>EKS error shapes with the HTTP status the model gives each.</summary>
internal static class EksErrors
{
    public static AwsError NotFound(string message) => new("ResourceNotFoundException", 404, message);
    public static AwsError InvalidParameter(string message) => new("InvalidParameterException", 400, message);
    public static AwsError InvalidRequest(string message) => new("InvalidRequestException", 400, message);
    public static AwsError InUse(string message) => new("ResourceInUseException", 409, message);
    public static AwsError LimitExceeded(string message) => new("ResourceLimitExceededException", 400, message);
    public static AwsError BadRequest(string message) => new("BadRequestException", 400, message);
    public static AwsError TagNotFound(string message) => new("NotFoundException", 404, message);
    public static AwsError Client(string message) => new("ClientException", 400, message);
}
