namespace PodIdentity.Plugin.Logging;

/// <summary>hclog levels, most verbose first; <see cref="Off"/> disables logging.</summary>
public enum LogLevel
{
    Trace = 0,
    Debug = 1,
    Info = 2,
    Warn = 3,
    Error = 4,
    Off = 5,
}
