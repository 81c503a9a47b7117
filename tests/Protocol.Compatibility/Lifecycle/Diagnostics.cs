using Google.Protobuf.Collections;
using PodIdentity.Protocol.Compatibility.Tfplugin6;

namespace PodIdentity.Protocol.Compatibility.Lifecycle;

/// <summary>How the clients judge diagnostics: severity 0 is not an error to them, so a provider must never send it.</summary>
internal static class Diagnostics
{
    public static void AssertNoErrors(string call, IEnumerable<Diagnostic> diagnostics)
    {
        var list = diagnostics.ToList();
        var invalid = list.Where(d => d.Severity == Diagnostic.Types.Severity.Invalid).ToList();
        if (invalid.Count > 0)
        {
            Assert.Fail($"{call}: diagnostics without severity (clients ignore them): {Describe(invalid)}");
        }

        var errors = list.Where(d => d.Severity == Diagnostic.Types.Severity.Error).ToList();
        if (errors.Count > 0)
        {
            Assert.Fail($"{call} returned errors: {Describe(errors)}");
        }
    }

    public static IReadOnlyList<Diagnostic> Errors(RepeatedField<Diagnostic> diagnostics) =>
        diagnostics.Where(d => d.Severity == Diagnostic.Types.Severity.Error).ToList();

    public static string Describe(IEnumerable<Diagnostic> diagnostics) =>
        string.Join(" | ", diagnostics.Select(d => $"[{d.Severity}] {d.Summary}: {d.Detail}"
            + (d.Attribute is { Steps.Count: > 0 } a ? " at " + string.Join(".", a.Steps.Select(s => s.AttributeName)) : "")));
}
