using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PodIdentity.Provider.AcceptanceTests.Harness;

namespace PodIdentity.Provider.AcceptanceTests.Guides;

/// <summary>
/// docs/guides/irsa-to-pod-identity.md, every step against the emulator, checking what a pod can get at each one:
/// IRSA (AssumeRoleWithWebIdentity with its service-account token) and Pod Identity (the node agent's credentials
/// endpoint). Step 2 is this provider's part and runs as shown. The role's trust policies are the guide's own
/// template files, set with the AWS CLI where the guide uses hashicorp/aws's aws_iam_role (not downloadable here);
/// step 3 (hashicorp/kubernetes, the service account annotation) has no counterpart in the emulator: shown, not run.
/// </summary>
public sealed class IrsaToPodIdentityGuideTests
{
    private const string Guide = "irsa-to-pod-identity";
    private const string Role = "payments-api";

    [Fact]
    public async Task EveryStepKeepsThePodsCredentialsAndEndsWithPodIdentityOnly()
    {
        await using var emulator = await EmulatorProcess.StartAsync();
        using var http = new HttpClient { BaseAddress = emulator.BaseUrl, Timeout = TimeSpan.FromMinutes(1) };
        var issuer = await IssuerAsync(emulator);

        // Before: IRSA only.
        await SetTrustAsync(emulator, "trust-irsa.json.tftpl", issuer);
        Assert.Equal(HttpStatusCode.OK, await IrsaAsync(emulator, http));
        Assert.NotEqual(HttpStatusCode.OK, await PodIdentityAsync(emulator, http));

        // Step 1: the role trusts both; the pods still use IRSA (no agent, no association yet).
        await SetTrustAsync(emulator, "trust-irsa-and-pod-identity.json.tftpl", issuer);
        Assert.Equal(HttpStatusCode.OK, await IrsaAsync(emulator, http));

        // Step 2, as the guide shows it: the agent add-on and the association, with this provider as `podidentity`.
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
        await ws.AssertNoChangesAsync("step 2 after apply");
        Assert.Equal(HttpStatusCode.OK, await PodIdentityAsync(emulator, http));
        Assert.Equal(HttpStatusCode.OK, await IrsaAsync(emulator, http));

        // Step 4: Pod Identity only; IRSA is refused, Pod Identity still works.
        await SetTrustAsync(emulator, "trust-pod-identity.json", issuer);
        Assert.NotEqual(HttpStatusCode.OK, await IrsaAsync(emulator, http));
        Assert.Equal(HttpStatusCode.OK, await PodIdentityAsync(emulator, http));
    }

    // The cluster's issuer is the `iss` of the tokens it signs.
    private static async Task<string> IssuerAsync(EmulatorProcess emulator)
    {
        var token = await TokenAsync(emulator, "pods.eks.amazonaws.com");
        var payload = token.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
        using var claims = JsonDocument.Parse(Convert.FromBase64String(payload));
        return claims.RootElement.GetProperty("iss").GetString()!["https://".Length..];
    }

    private static Task<string> TokenAsync(EmulatorProcess emulator, string audience) =>
        emulator.ServiceAccountTokenAsync(EmulatorSeed.ClusterName, "payments", "payments-api", "payments-api-7d4b9", audience: audience);

    // What the SDK in an IRSA pod does: AssumeRoleWithWebIdentity (unsigned) with the projected token.
    private static async Task<HttpStatusCode> IrsaAsync(EmulatorProcess emulator, HttpClient http)
    {
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Action"] = "AssumeRoleWithWebIdentity",
            ["Version"] = "2011-06-15",
            ["RoleArn"] = EmulatorSeed.RoleArn(Role),
            ["RoleSessionName"] = "payments-api",
            ["WebIdentityToken"] = await TokenAsync(emulator, "sts.amazonaws.com"),
        });
        return (await http.PostAsync("", form)).StatusCode;
    }

    // What the SDK in a Pod Identity pod does: ask the node agent with the pod's token.
    private static async Task<HttpStatusCode> PodIdentityAsync(EmulatorProcess emulator, HttpClient http)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, emulator.AgentUri(EmulatorSeed.ClusterName));
        request.Headers.TryAddWithoutValidation("Authorization", await TokenAsync(emulator, "pods.eks.amazonaws.com"));
        var response = await http.SendAsync(request);
        if (response.StatusCode == HttpStatusCode.OK)
        {
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.StartsWith("ASIA", body.GetProperty("AccessKeyId").GetString());
        }

        return response.StatusCode;
    }

    // The guide's trust policy file, rendered as templatefile() would, set as aws_iam_role would set it.
    private static async Task SetTrustAsync(EmulatorProcess emulator, string file, string issuer)
    {
        var policy = new StringBuilder(GuideFiles.Read(Guide, file))
            .Replace("${oidc_provider_arn}", $"arn:aws:iam::{EmulatorSeed.AccountId}:oidc-provider/{issuer}")
            .Replace("${oidc_issuer}", issuer)
            .ToString();
        (await AwsCli.RunAsync(emulator, "iam", "update-assume-role-policy", "--role-name", Role, "--policy-document", policy))
            .EnsureSuccess("aws iam update-assume-role-policy");
    }
}
