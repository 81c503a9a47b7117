using PodIdentity.Aws.Clients;
using PodIdentity.Plugin.Logging;

namespace PodIdentity.Provider.Configuration;

/// <summary>Forwards the AWS layer's call records and messages to the provider log (hclog JSON on stderr).</summary>
internal static class AwsLogging
{
    public static void OnCall(AwsCallInfo call)
    {
        // Every attempt at debug: failures reach the user as diagnostics, so the log only needs the trail.
        Log.Debug(
            "AWS API call",
            ("aws_service", call.Service),
            ("aws_operation", call.Operation),
            ("attempt", call.Attempt),
            ("http_status", call.HttpStatus),
            ("duration_ms", Math.Round(call.Duration.TotalMilliseconds, 1)),
            ("aws_request_id", call.RequestId),
            ("aws_error_code", call.ErrorCode),
            ("will_retry", call.WillRetry));
    }

    public static void OnEvent(AwsLogEvent e)
    {
        var fields = e.Fields.Select(f => (f.Key, f.Value)).ToArray();
        switch (e.Level)
        {
            case AwsLogLevel.Trace:
                Log.Trace(e.Message, fields);
                break;
            case AwsLogLevel.Debug:
                Log.Debug(e.Message, fields);
                break;
            case AwsLogLevel.Info:
                Log.Info(e.Message, fields);
                break;
            case AwsLogLevel.Warn:
                Log.Warn(e.Message, fields);
                break;
            default:
                Log.Error(e.Message, fields);
                break;
        }
    }
}
