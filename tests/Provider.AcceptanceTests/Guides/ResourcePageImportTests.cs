using System.Text.RegularExpressions;
using PodIdentity.Provider.AcceptanceTests.Harness;

namespace PodIdentity.Provider.AcceptanceTests.Guides;

/// <summary>
/// Every import id form a resource page shows (docs/resources/*.md, generated from examples/resources/*/import*.tf
/// and import.sh) adopts a real object on the emulator and ends in no changes. The example association id
/// a-abcdefghijklmnopq is replaced by the id the emulator assigned to the payments association.
/// </summary>
public sealed partial class ResourcePageImportTests
{
    private const string ExampleAssociationId = "a-abcdefghijklmnopq";

    public static TheoryData<string, string, string> ImportForms()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var folder in Directory.GetDirectories(Path.Combine(TestPaths.ExamplesDir, "resources")).Order())
        {
            var type = Path.GetFileName(folder);
            foreach (var file in Directory.GetFiles(folder, "import*.tf").Order())
            {
                var block = ImportBlock().Match(File.ReadAllText(file));
                Assert.True(block.Success, $"{file} has no import block");
                data.Add(type, block.Groups["to"].Value, block.Groups["id"].Value);
            }

            var script = Path.Combine(folder, "import.sh");
            if (File.Exists(script))
            {
                foreach (var command in GuideFiles.TerraformCommands(File.ReadAllText(script)))
                {
                    Assert.Equal("import", command[0]);
                    data.Add(type, command[1], command[2]);
                }
            }
        }

        return data;
    }

    [Fact]
    public void EveryResourceShowsAnImportBlockAndACommand()
    {
        var forms = ImportForms().Select(row => ((string)row[0], (string)row[2])).ToList();
        // Association: by id and by natural key; add-on: with and without @region.
        Assert.Contains(forms, f => f.Item1 == "aws_eks_pod_identity_association" && f.Item2.Split(',').Length == 2);
        Assert.Contains(forms, f => f.Item1 == "aws_eks_pod_identity_association" && f.Item2.Split(',').Length == 3);
        Assert.Contains(forms, f => f.Item1 == "aws_eks_addon" && !f.Item2.Contains('@', StringComparison.Ordinal));
        Assert.Contains(forms, f => f.Item1 == "aws_eks_addon" && f.Item2.Contains('@', StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(ImportForms))]
    public async Task TheIdFormAdoptsTheObject(string type, string address, string id)
    {
        await using var emulator = await EmulatorProcess.StartAsync();
        using var ws = new TerraformWorkspace(emulator);
        ws.Write("main.tf", $$"""
            terraform {
              required_providers {
                aws = { source = "podidentity/aws" }
              }
            }

            provider "aws" {}

            resource "aws_eks_addon" "pod_identity_agent" {
              cluster_name = "pod-identity-lab"
              addon_name   = "eks-pod-identity-agent"
            }

            resource "aws_eks_pod_identity_association" "payments" {
              cluster_name    = "pod-identity-lab"
              namespace       = "payments"
              service_account = "payments-api"
              role_arn        = "{{EmulatorSeed.RoleArn("payments-api")}}"
              tags            = { app = "payments" }
              depends_on      = [aws_eks_addon.pod_identity_agent]
            }

            resource "aws_eks_pod_identity_association" "ledger" {
              cluster_name    = "pod-identity-lab"
              namespace       = "ledger"
              service_account = "ledger-reader"
              role_arn        = "{{EmulatorSeed.RoleArn("ledger-reader")}}"
              depends_on      = [aws_eks_addon.pod_identity_agent]
            }

            resource "aws_eks_addon" "vpc_cni" {
              cluster_name = "pod-identity-lab"
              addon_name   = "vpc-cni"
            }
            """);
        await ws.ApplyAsync();
        var associationId = (await ws.ResourceAsync("aws_eks_pod_identity_association.payments")).GetProperty("association_id").GetString()!;
        (await ws.RunAsync("state", "rm", "-no-color", address)).EnsureSuccess("state rm");

        var import = await ws.RunAsync("import", "-no-color", "-input=false", address, id.Replace(ExampleAssociationId, associationId, StringComparison.Ordinal));

        Assert.True(import.ExitCode == 0, $"{type}: import of {id} failed:\n{import.Report}");
        Assert.Contains("Import successful!", import.Stdout);
        await ws.AssertNoChangesAsync($"{type} imported by {id}");
    }

    [GeneratedRegex("""import\s*\{\s*to\s*=\s*(?<to>\S+)\s*id\s*=\s*"(?<id>[^"]+)"\s*\}""")]
    private static partial Regex ImportBlock();
}
