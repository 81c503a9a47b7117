using PodIdentity.Plugin.Logging.Internal;

namespace PodIdentity.Plugin.Logging;

/// <summary>
/// hclog-style JSON lines on stderr, which go-plugin parses and forwards into Terraform's own log.
/// The level comes from <c>TF_LOG_PROVIDER</c>, else <c>TF_LOG</c>; logging is off when both are unset.
/// Field values whose key names a secret are always written as <c>[REDACTED]</c>.
/// </summary>
public static class Log
{
    public const string RedactedText = "[REDACTED]";

    private static LogSink? s_sink;

    private static LogSink Sink => s_sink ??= LogSink.FromEnvironment();

    /// <summary>The active level (<see cref="LogLevel.Off"/> when logging is disabled).</summary>
    public static LogLevel Level => Sink.Level;

    public static bool IsEnabled(LogLevel level) => level != LogLevel.Off && level >= Sink.Level;

    public static void Trace(string message, params (string Key, object? Value)[] fields) => Write(LogLevel.Trace, message, fields);

    public static void Debug(string message, params (string Key, object? Value)[] fields) => Write(LogLevel.Debug, message, fields);

    public static void Info(string message, params (string Key, object? Value)[] fields) => Write(LogLevel.Info, message, fields);

    public static void Warn(string message, params (string Key, object? Value)[] fields) => Write(LogLevel.Warn, message, fields);

    public static void Error(string message, params (string Key, object? Value)[] fields) => Write(LogLevel.Error, message, fields);

    /// <summary>True when a field or header called <paramref name="key"/> carries a secret
    /// (secret keys, tokens, passwords, authorization, credentials...).</summary>
    public static bool IsSecretKey(string key) => SecretKeys.IsSecret(key);

    /// <summary>Returns <see cref="RedactedText"/> for a secret key (unless the value is null), else the value.</summary>
    public static object? Redact(string key, object? value) =>
        value is not null && SecretKeys.IsSecret(key) ? RedactedText : value;

    /// <summary>One line at <paramref name="level"/>; for bridges from other logging APIs.</summary>
    public static void Write(LogLevel level, string message, (string Key, object? Value)[] fields)
    {
        var sink = Sink;
        if (level == LogLevel.Off || level < sink.Level)
        {
            return;
        }

        sink.Write(level, message, fields);
    }

    /// <summary>Tests point the log somewhere else; null restores the environment's settings.</summary>
    internal static void Configure(LogSink? sink) => s_sink = sink;
}
