namespace PodIdentity.DocsGen;

/// <summary>docs/ on disk versus the rendered pages: every file under docs/ is generated, so extra files are stale too.</summary>
internal static class DocsFolder
{
    public static IReadOnlyList<string> Compare(string root, IReadOnlyDictionary<string, string> pages)
    {
        var problems = new List<string>();
        foreach (var (path, content) in pages)
        {
            var file = Path.Combine(root, path);
            if (!File.Exists(file))
            {
                problems.Add($"missing: {path}");
            }
            else if (File.ReadAllText(file) != content)
            {
                problems.Add($"differs: {path}");
            }
        }

        foreach (var extra in Existing(root).Where(p => !pages.ContainsKey(p)))
        {
            problems.Add($"not generated: {extra}");
        }

        return problems;
    }

    public static void Write(string root, IReadOnlyDictionary<string, string> pages)
    {
        foreach (var extra in Existing(root).Where(p => !pages.ContainsKey(p)))
        {
            File.Delete(Path.Combine(root, extra));
        }

        foreach (var (path, content) in pages)
        {
            var file = Path.Combine(root, path);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            if (!File.Exists(file) || File.ReadAllText(file) != content)
            {
                File.WriteAllText(file, content);
            }
        }
    }

    private static IEnumerable<string> Existing(string root)
    {
        var docs = Path.Combine(root, "docs");
        return Directory.Exists(docs)
            ? Directory.GetFiles(docs, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            : [];
    }
}
