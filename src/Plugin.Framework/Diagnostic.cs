using PodIdentity.Plugin.Values;

namespace PodIdentity.Plugin.Framework;

/// <summary>Numbers match tfplugin6 Diagnostic.Severity; there is deliberately no "invalid" (0) member.</summary>
public enum DiagnosticSeverity
{
    Error = 1,
    Warning = 2,
}

/// <summary>A user-facing problem; <see cref="Path"/> points Terraform at the offending configuration line.</summary>
public sealed record Diagnostic(DiagnosticSeverity Severity, string Summary, string Detail = "", AttributePath? Path = null)
{
    public static Diagnostic Error(string summary, string detail = "", AttributePath? path = null) =>
        new(DiagnosticSeverity.Error, summary, detail, path);

    public static Diagnostic Warning(string summary, string detail = "", AttributePath? path = null) =>
        new(DiagnosticSeverity.Warning, summary, detail, path);
}
