namespace PodIdentity.Plugin.Logging.Internal;

/// <summary>Where log lines go: one whole line per write so concurrent lines never interleave.</summary>
internal sealed class LogSink(LogLevel level, Stream output, Func<DateTime>? clock = null)
{
    private readonly Lock _gate = new();
    private readonly Func<DateTime> _clock = clock ?? (() => DateTime.UtcNow);

    public LogLevel Level { get; } = level;

    public static LogSink FromEnvironment()
    {
        var level = LogLevels.FromEnvironment(Environment.GetEnvironmentVariable);
        return new LogSink(level, level == LogLevel.Off ? Stream.Null : Console.OpenStandardError());
    }

    public void Write(LogLevel level, string message, (string Key, object? Value)[] fields)
    {
        byte[] line;
        try
        {
            line = HclogFormatter.Format(level, message, fields, _clock());
        }
        catch (Exception ex)
        {
            // A value whose ToString throws must not take the provider down.
            line = HclogFormatter.Format(level, message, [("log_error", ex.GetType().Name)], _clock());
        }

        lock (_gate)
        {
            try
            {
                output.Write(line);
                output.Flush();
            }
            catch (IOException)
            {
                // stderr closed (Terraform went away): nothing useful left to do with a log line.
            }
        }
    }
}
