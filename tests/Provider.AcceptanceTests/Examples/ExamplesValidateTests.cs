using PodIdentity.Provider.AcceptanceTests.Harness;

namespace PodIdentity.Provider.AcceptanceTests.Examples;

/// <summary>
/// Every example folder is a configuration `terraform validate` accepts with this provider. The guides' folders are
/// left out: they need hashicorp/aws (not downloadable here) or hold alternative steps of one configuration, and
/// Guides/ runs each of them for real.
/// </summary>
public sealed class ExamplesValidateTests
{
    public static TheoryData<string> ExampleFolders()
    {
        var data = new TheoryData<string>();
        foreach (var folder in Directory.GetDirectories(TestPaths.ExamplesDir, "*", SearchOption.AllDirectories).Order())
        {
            var relative = Path.GetRelativePath(TestPaths.ExamplesDir, folder);
            if (Directory.GetFiles(folder, "*.tf").Length > 0 && !relative.StartsWith("guides", StringComparison.Ordinal))
            {
                data.Add(relative);
            }
        }

        return data;
    }

    [Fact]
    public void EveryDocumentedKindHasAnExample()
    {
        var folders = ExampleFolders().Cast<object[]>().Select(row => (string)row[0]).ToHashSet();
        Assert.Contains("provider", folders);
        Assert.Contains("quickstart", folders);
        Assert.Contains(Path.Combine("resources", "aws_eks_pod_identity_association"), folders);
        Assert.Contains(Path.Combine("data-sources", "aws_eks_pod_identity_association"), folders);
        Assert.Contains(Path.Combine("data-sources", "aws_eks_pod_identity_associations"), folders);
        Assert.Contains(Path.Combine("resources", "aws_eks_addon"), folders);
        Assert.Contains(Path.Combine("data-sources", "aws_eks_addon"), folders);
        Assert.Contains(Path.Combine("data-sources", "aws_eks_addon_version"), folders);
        Assert.Contains(Path.Combine("modules", "pod-identity"), folders);
    }

    [Theory]
    [MemberData(nameof(ExampleFolders))]
    public async Task ExampleValidates(string folder)
    {
        using var workspace = new TerraformWorkspace().CopyFrom(Path.Combine(TestPaths.ExamplesDir, folder));
        var hasTerraformBlock = Directory.GetFiles(workspace.Directory, "*.tf")
            .Any(file => File.ReadAllText(file).Contains("required_providers", StringComparison.Ordinal));
        if (!hasTerraformBlock)
        {
            // tfplugindocs examples omit the terraform block; without it "aws" would mean hashicorp/aws.
            workspace.Write("zz_versions.tf", """
                terraform {
                  required_providers {
                    aws = { source = "podidentity/aws" }
                  }
                }
                """);
        }

        var result = await workspace.RunAsync("validate", "-no-color");

        Assert.True(result.ExitCode == 0, $"validate {folder} failed:\n{result.Report}");
        Assert.Contains("The configuration is valid", result.Stdout);
    }
}
