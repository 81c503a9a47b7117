namespace PodIdentity.Plugin.Logging.Internal;

/// <summary>Reads the level the way Terraform does for provider logs.</summary>
internal static class LogLevels
{
    /// <summary>TF_LOG_PROVIDER wins when set; otherwise TF_LOG.</summary>
    public static LogLevel FromEnvironment(Func<string, string?> getEnv)
    {
        var provider = getEnv("TF_LOG_PROVIDER");
        return Parse(string.IsNullOrEmpty(provider) ? getEnv("TF_LOG") : provider);
    }

    /// <summary>Unset or empty is off. Like Terraform, a value that names no level means TRACE.</summary>
    public static LogLevel Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return LogLevel.Off;
        }

        return value.Trim().ToUpperInvariant() switch
        {
            "OFF" => LogLevel.Off,
            "ERROR" => LogLevel.Error,
            "WARN" => LogLevel.Warn,
            "INFO" => LogLevel.Info,
            "DEBUG" => LogLevel.Debug,
            _ => LogLevel.Trace, // TRACE, JSON and anything Terraform would also treat as TRACE
        };
    }

    public static string Name(LogLevel level) => level switch
    {
        LogLevel.Trace => "trace",
        LogLevel.Debug => "debug",
        LogLevel.Info => "info",
        LogLevel.Warn => "warn",
        LogLevel.Error => "error",
        _ => "off",
    };
}
