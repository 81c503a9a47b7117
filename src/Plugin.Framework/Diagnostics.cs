using System.Collections;
using PodIdentity.Plugin.Values;

namespace PodIdentity.Plugin.Framework;

/// <summary>An append-only list of diagnostics carried by every response.</summary>
public sealed class Diagnostics : IReadOnlyList<Diagnostic>
{
    private readonly List<Diagnostic> _items = [];

    public int Count => _items.Count;

    public Diagnostic this[int index] => _items[index];

    public bool HasErrors => _items.Exists(d => d.Severity == DiagnosticSeverity.Error);

    public void Add(Diagnostic diagnostic)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        _items.Add(diagnostic);
    }

    public void AddRange(IEnumerable<Diagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        foreach (var d in diagnostics)
        {
            Add(d);
        }
    }

    public void AddError(string summary, string detail = "", AttributePath? path = null) =>
        Add(Diagnostic.Error(summary, detail, path));

    public void AddWarning(string summary, string detail = "", AttributePath? path = null) =>
        Add(Diagnostic.Warning(summary, detail, path));

    public IEnumerator<Diagnostic> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
