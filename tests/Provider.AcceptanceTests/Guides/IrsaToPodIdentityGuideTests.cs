using System.Text.Json.Nodes;
using PodIdentity.Provider.AcceptanceTests.Harness;

namespace PodIdentity.Provider.AcceptanceTests.Guides;

/// <summary>
/// docs/guides/irsa-to-pod-identity.md. Step 2 (this provider's part) runs as shown, against a role whose trust
/// policy is the one step 1 gives it (IRSA's web identity statement plus pods.eks.amazonaws.com). Steps 1, 3 and 4
/// belong to hashicorp/aws and hashicorp/kubernetes, which cannot be downloaded here: shown, not run.
/// </summary>
public sealed class IrsaToPodIdentityGuideTests
{
    private const string Guide = "irsa-to-pod-identity";

    [Fact]
    public async Task StepTwoAddsTheAgentAndTheAssociationBesideIrsa()
    {
        var seed = EmulatorProcess.DefaultSeed();
        seed["roles"] = new JsonArray(new JsonObject
        {
            ["name"] = "payments-api",
            ["assumeRolePolicyDocument"] = JsonNode.Parse("""
                {"Version":"2012-10-17","Statement":[
                  {"Sid":"Irsa","Effect":"Allow",
                   "Principal":{"Federated":"arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/EXAMPLE"},
                   "Action":"sts:AssumeRoleWithWebIdentity",
                   "Condition":{"StringEquals":{"oidc.eks.us-west-2.amazonaws.com/id/EXAMPLE:sub":"system:serviceaccount:payments:payments-api"}}},
                  {"Sid":"PodIdentity","Effect":"Allow","Principal":{"Service":"pods.eks.amazonaws.com"},
                   "Action":["sts:AssumeRole","sts:TagSession"]}]}
                """),
        });
        await using var emulator = await EmulatorProcess.StartAsync(seed);
        using var ws = new TerraformWorkspace(emulator).Use(Guide, "variables.tf", "step2-pod-identity.tf");
        ws.Write("versions.tf", """
            terraform {
              required_providers {
                podidentity = { source = "podidentity/aws" }
              }
            }
            provider "podidentity" {}
            """);

        var apply = await ws.ApplyAsync();
        Assert.Contains("Resources: 2 added, 0 changed, 0 destroyed.", apply.Stdout);
        Assert.DoesNotContain("EKS Pod Identity Agent not running", apply.Output);
        var association = await ws.ResourceAsync("aws_eks_pod_identity_association.payments");
        Assert.Equal(EmulatorProcess.RoleArn("payments-api"), association.GetProperty("role_arn").GetString());
        Assert.Equal("payments-api", association.GetProperty("service_account").GetString());
        await ws.AssertNoChangesAsync("step 2 after apply");
    }

    [Fact]
    public void TheHashicorpStepsShowTheTrustPolicyBeforeAndAfter()
    {
        var during = GuideFiles.Read(Guide, "step1-trust.tf");
        Assert.Contains("sts:AssumeRoleWithWebIdentity", during);
        Assert.Contains("pods.eks.amazonaws.com", during);
        var after = GuideFiles.Read(Guide, "step4-trust.tf");
        Assert.DoesNotContain("AssumeRoleWithWebIdentity", after);
        Assert.Contains("pods.eks.amazonaws.com", after);
        Assert.DoesNotContain("annotations =", GuideFiles.Read(Guide, "step3-service-account.tf").Replace("# annotations =", "", StringComparison.Ordinal));
    }
}
