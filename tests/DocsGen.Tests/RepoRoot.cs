namespace PodIdentity.DocsGen.Tests;

internal static class RepoRoot
{
    public static string Path { get; } = Find();

    private static string Find([System.Runtime.CompilerServices.CallerFilePath] string sourceFile = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory, System.IO.Path.GetDirectoryName(sourceFile) ?? "" })
        {
            for (var dir = start.Length > 0 ? new DirectoryInfo(start) : null; dir is not null; dir = dir.Parent)
            {
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "Provider.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("Provider.sln not found above " + AppContext.BaseDirectory);
    }
}
