using Microsoft.Extensions.Logging;
using MsLogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace PodIdentity.Plugin.Hosting.Internal;

/// <summary>Forwards the diagnostics of Kestrel, routing and Grpc.AspNetCore (protocol errors, failed calls) into
/// our stderr log. Their debug and trace levels narrate every connection and request body, so they are dropped;
/// information (one line per call from routing) becomes trace.</summary>
internal sealed class KestrelLogBridge : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) => new Logger(categoryName);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private static LogLevel Map(MsLogLevel level) => level switch
    {
        MsLogLevel.Information => LogLevel.Trace,
        MsLogLevel.Warning => LogLevel.Warn,
        MsLogLevel.Error or MsLogLevel.Critical => LogLevel.Error,
        _ => LogLevel.Off,
    };

    private sealed class Logger(string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(MsLogLevel logLevel) => Logging.Log.IsEnabled(Map(logLevel));

        public void Log<TState>(MsLogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var level = Map(logLevel);
            if (!Logging.Log.IsEnabled(level))
            {
                return;
            }

            (string Key, object? Value)[] fields = exception is null
                ? [("category", category), ("event", eventId.Name)]
                : [("category", category), ("event", eventId.Name), ("error", exception.Message)];
            Logging.Log.Write(level, formatter(state, exception), fields);
        }
    }
}
