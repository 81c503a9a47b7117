namespace PodIdentity.Aws.Clients;

/// <summary>An AWS API call that ended in an error response (after any retries).</summary>
public sealed class AwsApiException : Exception
{
    private static readonly HashSet<string> NotFoundCodes =
        ["ResourceNotFoundException", "NotFoundException", "NoSuchEntity", "NoSuchEntityException"];

    private static readonly HashSet<string> ThrottlingCodes =
    [
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
        "TooManyRequestsException", "ProvisionedThroughputExceededException", "TransactionInProgressException",
        "RequestLimitExceeded", "BandwidthLimitExceeded", "RequestThrottled",
        "SlowDown", "PriorRequestNotComplete", "EC2ThrottledException",
    ];

    public AwsApiException(string service, string operation, int httpStatus, string errorCode, string? errorMessage, string? requestId)
        : base(Describe(service, operation, httpStatus, errorCode, errorMessage, requestId))
    {
        Service = service;
        Operation = operation;
        HttpStatus = httpStatus;
        ErrorCode = errorCode;
        ErrorMessage = errorMessage;
        RequestId = requestId;
    }

    public string Service { get; }
    public string Operation { get; }
    public int HttpStatus { get; }
    public string ErrorCode { get; }
    public string? ErrorMessage { get; }
    public string? RequestId { get; }

    public bool IsNotFound => NotFoundCodes.Contains(ErrorCode);
    public bool IsThrottling => IsThrottlingCode(ErrorCode) || HttpStatus == 429;
    public bool IsAccessDenied => ErrorCode is "AccessDeniedException" or "AccessDenied" or "UnauthorizedOperation";

    internal static bool IsThrottlingCode(string? code) => code is not null && ThrottlingCodes.Contains(code);

    private static string Describe(string service, string operation, int status, string code, string? message, string? requestId) =>
        $"{service} {operation}: {code} (HTTP {status}){(string.IsNullOrEmpty(message) ? "" : ": " + message)}"
        + (requestId is null ? "" : $", request id {requestId}");
}
