using PodIdentity.Aws.Clients;
using PodIdentity.Plugin.Framework;
using PodIdentity.Plugin.Values;

namespace PodIdentity.Provider.Shared;

/// <summary>Turns AWS failures into diagnostics that carry the error code, message and request id.</summary>
internal static class AwsErrors
{
    /// <summary>True for failures that belong in a diagnostic; anything else (bugs, cancellation) propagates.</summary>
    public static bool IsReportable(Exception e) =>
        e is AwsApiException or AwsCredentialsException or HttpRequestException;

    public static void Add(Diagnostics diagnostics, string summary, Exception e, AttributePath? path = null, string? advice = null)
    {
        var detail = e switch
        {
            AwsApiException api => Describe(api),
            _ => e.Message,
        };
        if (advice is not null)
        {
            detail = advice + "\n\n" + detail;
        }

        diagnostics.AddError(summary, detail, path);
    }

    public static string Describe(AwsApiException e)
    {
        var message = string.IsNullOrEmpty(e.ErrorMessage) ? e.ErrorCode : e.ErrorMessage;
        var id = e.RequestId is null ? "" : $", request id {e.RequestId}";
        return $"{message}\n\n{e.Service} {e.Operation} returned {e.ErrorCode} (HTTP {e.HttpStatus}{id}).";
    }

    /// <summary>EKS answers this way while a newly created IAM role has not reached it yet.</summary>
    public static bool IsRoleNotYetVisible(Exception e) =>
        e is AwsApiException { ErrorCode: "InvalidParameterException" } api
        && (api.ErrorMessage ?? "").Contains("provided in the request does not exist", StringComparison.OrdinalIgnoreCase);
}
