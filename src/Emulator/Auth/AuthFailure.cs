namespace PodIdentity.Emulator.Auth;

/// <summary>Why a request was not authenticated; the service decides the error code that reports it.</summary>
internal enum AuthFailureKind
{
    MissingToken,
    IncompleteSignature,
    UnknownAccessKey,
    InvalidSecurityToken,
    ExpiredSecurityToken,
    SignatureMismatch,
    SignatureExpired,
}

internal sealed class AuthFailure(AuthFailureKind kind, string message) : Exception(message)
{
    public AuthFailureKind Kind { get; } = kind;
}
