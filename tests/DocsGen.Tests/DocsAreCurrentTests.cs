namespace PodIdentity.DocsGen.Tests;

/// <summary>`make test` fails when docs/ is stale: the committed pages must be exactly what the generator writes now.</summary>
public sealed class DocsAreCurrentTests
{
    [Fact]
    public void DocsFolderMatchesTheSchemaExamplesAndTemplates()
    {
        var root = TestPaths.RepoRoot;
        var pages = new Pages(root, ProviderSchemaSource.Load()).Render();

        var stale = DocsFolder.Compare(root, pages);

        Assert.True(stale.Count == 0, "docs/ is stale, run `make docs` and commit the result:\n" + string.Join('\n', stale));
    }

    [Fact]
    public void EveryResourceAndDataSourceHasAPageWithAnExample()
    {
        var provider = ProviderSchemaSource.Load();
        var pages = new Pages(TestPaths.RepoRoot, provider).Render();

        foreach (var type in provider.Resources)
        {
            var page = pages[$"docs/resources/{Pages.ShortName(type.Name)}.md"];
            Assert.Contains("## Example Usage", page);
            Assert.Contains("## Argument Reference", page);
            Assert.Contains("## Import", page);
            Assert.Contains("terraform import ", page);
        }

        foreach (var type in provider.DataSources)
        {
            Assert.Contains("## Example Usage", pages[$"docs/data-sources/{Pages.ShortName(type.Name)}.md"]);
        }

        Assert.Contains("## Timeouts", pages["docs/resources/eks_addon.md"]);
        Assert.DoesNotContain("## Timeouts", pages["docs/resources/eks_pod_identity_association.md"]);
    }

    [Fact]
    public void StaleExtraAndMissingPagesAreEachReported()
    {
        var root = Directory.CreateTempSubdirectory("docsgen-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "docs", "guides"));
            File.WriteAllText(Path.Combine(root, "docs", "index.md"), "old\n");
            File.WriteAllText(Path.Combine(root, "docs", "guides", "gone.md"), "x\n");
            var pages = new Dictionary<string, string> { ["docs/index.md"] = "new\n", ["docs/resources/a.md"] = "a\n" };

            var problems = DocsFolder.Compare(root, pages);

            Assert.Equal(["differs: docs/index.md", "missing: docs/resources/a.md", "not generated: docs/guides/gone.md"], problems.Order());
            DocsFolder.Write(root, pages);
            Assert.Empty(DocsFolder.Compare(root, pages));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
