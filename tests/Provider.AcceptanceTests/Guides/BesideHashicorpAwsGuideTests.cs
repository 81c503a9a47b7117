using PodIdentity.Provider.AcceptanceTests.Harness;

namespace PodIdentity.Provider.AcceptanceTests.Guides;

/// <summary>
/// docs/guides/beside-hashicorp-aws.md: this provider under the local name `podidentity`, `provider = podidentity`
/// on its resources, shared region and tags. shared.tf and pod-identity.tf run as the guide shows them; versions.tf
/// and hashicorp-aws.tf (which need hashicorp/aws, not downloadable here) are replaced by their podidentity-only part
/// and the role ARN that aws_iam_role would export.
/// </summary>
public sealed class BesideHashicorpAwsGuideTests
{
    private const string Guide = "beside-hashicorp-aws";

    [Fact]
    public async Task ResourcesRunUnderTheSecondLocalNameWithTheSharedTags()
    {
        await using var emulator = await EmulatorProcess.StartAsync();
        using var ws = new TerraformWorkspace(emulator).Use(Guide, "shared.tf", "pod-identity.tf");
        ws.Write("versions.tf", """
            terraform {
              required_providers {
                podidentity = { source = "podidentity/aws" }
              }
            }
            """);
        ws.Write("hashicorp-aws.tf", $$"""
            locals {
              payments_role_arn = "{{EmulatorSeed.RoleArn("payments-api")}}"
            }
            """);

        var apply = await ws.ApplyAsync();
        Assert.Contains("Resources: 2 added, 0 changed, 0 destroyed.", apply.Stdout);
        Assert.DoesNotContain("EKS Pod Identity Agent not running", apply.Output);

        // Every object belongs to podidentity/aws although no local name "aws" exists at all.
        var providers = await ws.ProvidersInStateAsync();
        Assert.Equal("registry.terraform.io/podidentity/aws", providers["aws_eks_pod_identity_association.payments"]);
        Assert.Equal("registry.terraform.io/podidentity/aws", providers["aws_eks_addon.pod_identity_agent"]);

        // The shared tags reached the association through this provider's default_tags.
        var association = await ws.ResourceAsync("aws_eks_pod_identity_association.payments");
        var tagsAll = association.GetProperty("tags_all");
        Assert.Equal("payments", tagsAll.GetProperty("team").GetString());
        Assert.Equal("terraform", tagsAll.GetProperty("managed-by").GetString());
        Assert.Equal("us-west-2", association.GetProperty("region").GetString());

        var ids = (await ws.RunAsync("output", "-json", "payments_association_ids")).EnsureSuccess("output").Stdout;
        Assert.Contains(association.GetProperty("association_id").GetString()!, ids);
        await ws.AssertNoChangesAsync("the side-by-side configuration after apply");
    }

    [Fact]
    public void TheGuideShowsBothProvidersWithTheSameSharedLocals()
    {
        // The parts the CLI test replaces: they must still be what the guide promises.
        var versions = GuideFiles.Read(Guide, "versions.tf");
        Assert.Contains("source = \"hashicorp/aws\"", versions);
        Assert.Contains("source = \"podidentity/aws\"", versions);
        var hashicorp = GuideFiles.Read(Guide, "hashicorp-aws.tf");
        Assert.Contains("region = local.region", hashicorp);
        Assert.Contains("tags = local.tags", hashicorp);
        Assert.Contains("payments_role_arn = aws_iam_role.payments.arn", hashicorp);
    }
}
