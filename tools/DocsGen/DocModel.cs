namespace PodIdentity.DocsGen;

/// <summary>What the pages need to know about a provider, independent of the framework's schema classes.</summary>
internal sealed record DocProvider(string Name, DocSchema Schema, IReadOnlyList<DocType> Resources, IReadOnlyList<DocType> DataSources);

/// <summary>A resource or data source type, e.g. <c>aws_eks_addon</c>.</summary>
internal sealed record DocType(string Name, DocSchema Schema);

internal sealed record DocSchema(string Description, IReadOnlyList<DocAttribute> Attributes, IReadOnlyList<DocBlock> Blocks, IReadOnlyList<string> Checks)
{
    public static DocSchema Empty { get; } = new("", [], [], []);

    public DocBlock? FindBlock(string name) => Blocks.FirstOrDefault(b => b.Name == name);
}

/// <param name="Type">How the type reads in the docs, e.g. "String", "Map of String", "List of Object".</param>
/// <param name="Replacement">Null when a change updates in place; otherwise when it forces replacement.</param>
/// <param name="Default">e.g. "Defaults to false."; null without a static default.</param>
/// <param name="Checks">What validation checks on the value (plan time), one line each.</param>
/// <param name="Nested">The attributes of a nested attribute or object-typed value, else null.</param>
internal sealed record DocAttribute(
    string Name,
    string Type,
    string Description,
    bool Required,
    bool Optional,
    bool Computed,
    bool Sensitive,
    bool WriteOnly,
    bool Deprecated,
    string? Replacement,
    string? Default,
    IReadOnlyList<string> Checks,
    DocSchema? Nested)
{
    /// <summary>Set by the configuration (arguments) versus only reported (attributes).</summary>
    public bool IsArgument => Required || Optional;
}

/// <param name="Nesting">"List", "Set" or "Single".</param>
internal sealed record DocBlock(string Name, string Nesting, long MinItems, long MaxItems, bool Deprecated, DocSchema Schema);
