namespace PodIdentity.TestSupport;

/// <summary>Where the repository and the binaries under test are. `make test` sets the variables; the defaults match `make build`.</summary>
public static class TestPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>The published provider's folder: TF_PROVIDER_DIR, else out/provider.</summary>
    public static string ProviderDir =>
        Environment.GetEnvironmentVariable("TF_PROVIDER_DIR") is { Length: > 0 } dir
            ? Path.GetFullPath(dir)
            : Path.Combine(RepoRoot, "out", "provider");

    /// <summary>The published emulator: AWS_EMULATOR_BIN, else out/emulator/aws-emulator.</summary>
    public static string EmulatorBinary =>
        Environment.GetEnvironmentVariable("AWS_EMULATOR_BIN") is { Length: > 0 } bin
            ? Path.GetFullPath(bin)
            : Path.Combine(RepoRoot, "out", "emulator", "aws-emulator");

    /// <summary>terraform by default; `tofu` (or a full path) runs the same tests under OpenTofu.</summary>
    public static string TerraformBinary =>
        Environment.GetEnvironmentVariable("TF_ACC_TERRAFORM_PATH") is { Length: > 0 } cli ? cli : "terraform";

    public static string ExamplesDir => Path.Combine(RepoRoot, "examples");

    /// <summary>The official AWS models: AWS_MODELS_DIR, else ../shared/aws-models beside the repository.</summary>
    public static string ModelsDir =>
        Environment.GetEnvironmentVariable("AWS_MODELS_DIR") is { Length: > 0 } models
            ? models
            : Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "aws-models"));

    // The test binary may be built outside the tree (--artifacts-path), so also look above the working
    // directory and above this source file.
    private static string FindRepoRoot([System.Runtime.CompilerServices.CallerFilePath] string sourceFile = "")
    {
        if (Environment.GetEnvironmentVariable("PODIDENTITY_REPO_ROOT") is { Length: > 0 } root)
        {
            return Path.GetFullPath(root);
        }

        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory, Path.GetDirectoryName(sourceFile) ?? "" })
        {
            for (var dir = start.Length > 0 ? new DirectoryInfo(start) : null; dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Provider.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("Provider.sln not found above " + AppContext.BaseDirectory);
    }
}
