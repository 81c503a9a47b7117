using PodIdentity.Emulator.Protocol;

namespace PodIdentity.Emulator.Auth;

/// <summary>Maps an authentication failure to the code each protocol family uses for it (all 403).</summary>
internal static class AuthErrors
{
    public static AwsError For(AuthFailure failure, bool restJson)
    {
        var code = (failure.Kind, restJson) switch
        {
            (AuthFailureKind.MissingToken, true) => "MissingAuthenticationTokenException",
            (AuthFailureKind.MissingToken, false) => "MissingAuthenticationToken",
            (AuthFailureKind.IncompleteSignature, true) => "IncompleteSignatureException",
            (AuthFailureKind.IncompleteSignature, false) => "IncompleteSignature",
            (AuthFailureKind.UnknownAccessKey or AuthFailureKind.InvalidSecurityToken, true) => "UnrecognizedClientException",
            (AuthFailureKind.UnknownAccessKey or AuthFailureKind.InvalidSecurityToken, false) => "InvalidClientTokenId",
            (AuthFailureKind.ExpiredSecurityToken, true) => "ExpiredTokenException",
            (AuthFailureKind.ExpiredSecurityToken, false) => "ExpiredToken",
            (_, true) => "InvalidSignatureException",
            (_, false) => "SignatureDoesNotMatch",
        };
        var status = failure.Kind is AuthFailureKind.IncompleteSignature && !restJson ? 400 : 403;
        return new AwsError(code, status, failure.Message);
    }
}
