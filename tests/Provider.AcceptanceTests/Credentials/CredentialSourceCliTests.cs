using PodIdentity.Provider.AcceptanceTests.Harness;
using static PodIdentity.Provider.AcceptanceTests.Credentials.CredentialsEmulator;

namespace PodIdentity.Provider.AcceptanceTests.Credentials;

/// <summary>
/// The published provider authenticating through each credential source that needs STS or a credentials endpoint:
/// `terraform apply` of an association succeeds, and the emulator's call log shows every EKS and STS call after the
/// credentials were issued made as the assumed role.
/// </summary>
public sealed class CredentialSourceCliTests : IAsyncLifetime
{
    // The calls that hand out credentials are made as someone else (the base keys, unsigned, or the node agent).
    private static readonly string[] Issuing = ["AssumeRole", "AssumeRoleWithWebIdentity", "AssumeRoleForPodIdentity"];

    private CredentialsEmulator _emu = null!;

    public async Task InitializeAsync() => _emu = await CredentialsEmulator.StartAsync();

    public async Task DisposeAsync() => await _emu.DisposeAsync();

    private static string MainTf(string providerBody, string name = "app", string ns = "payments", string serviceAccount = "api") => $$"""
        terraform {
          required_providers {
            aws = { source = "podidentity/aws" }
          }
        }

        provider "aws" {
        {{providerBody}}
        }

        resource "aws_eks_pod_identity_association" "{{name}}" {
          cluster_name    = "{{EmulatorSeed.ClusterName}}"
          namespace       = "{{ns}}"
          service_account = "{{serviceAccount}}"
          role_arn        = "{{EmulatorSeed.RoleArn("payments-api")}}"
        }

        """;

    /// <summary>A workspace whose environment holds no AWS keys at all.</summary>
    private TerraformWorkspace KeylessWorkspace() =>
        new TerraformWorkspace(_emu.Emulator)
            .WithEnvironment("AWS_ACCESS_KEY_ID", null)
            .WithEnvironment("AWS_SECRET_ACCESS_KEY", null);

    private async Task ApplyAndAssertEveryCallWasMadeAs(TerraformWorkspace ws, string role, string issuedBy)
    {
        await _emu.ClearCallLogAsync();
        await ws.ApplyAsync();

        var calls = await _emu.CallLogAsync();
        Assert.Contains(calls, c => c.Operation == issuedBy);
        Assert.Contains(calls, c => c.Operation == "CreatePodIdentityAssociation");
        var asRole = calls.Where(c => !Issuing.Contains(c.Operation)).ToList();
        Assert.NotEmpty(asRole);
        Assert.All(asRole, c => Assert.True(c.CallerArn?.StartsWith(SessionArnPrefix(role), StringComparison.Ordinal) == true,
            $"{c} was not made as {role}; log: {string.Join("; ", calls)}"));
    }

    [Fact]
    public async Task Profile_with_role_arn_and_source_profile()
    {
        using var ws = KeylessWorkspace();
        var config = Path.Combine(ws.Directory, "aws-config");
        await File.WriteAllTextAsync(config, $"""
            [profile base]
            aws_access_key_id = test
            aws_secret_access_key = test

            [profile deploy]
            role_arn = {EmulatorSeed.RoleArn(DeployerRole)}
            source_profile = base
            role_session_name = profile-chain
            """);
        ws.Write("main.tf", MainTf($"""
              profile             = "deploy"
              shared_config_files = ["{config}"]
            """));

        await ApplyAndAssertEveryCallWasMadeAs(ws, DeployerRole, "AssumeRole");
        var calls = await _emu.CallLogAsync();
        Assert.Equal($"arn:aws:iam::{EmulatorSeed.AccountId}:root", calls.First(c => c.Operation == "AssumeRole").CallerArn);
    }

    [Fact]
    public async Task Assume_role_block()
    {
        using var ws = new TerraformWorkspace(_emu.Emulator).Write("main.tf", MainTf($$"""
              assume_role {
                role_arn     = "{{EmulatorSeed.RoleArn(DeployerRole)}}"
                session_name = "assume-role-block"
              }
            """));

        await ApplyAndAssertEveryCallWasMadeAs(ws, DeployerRole, "AssumeRole");
    }

    [Fact]
    public async Task Web_identity_from_AWS_ROLE_ARN_and_AWS_WEB_IDENTITY_TOKEN_FILE()
    {
        using var ws = KeylessWorkspace();
        var tokenFile = Path.Combine(ws.Directory, "token");
        await File.WriteAllTextAsync(tokenFile, await _emu.ServiceAccountTokenAsync("ci", "deploy", "ci-0", "sts.amazonaws.com"));
        ws.WithEnvironment("AWS_ROLE_ARN", EmulatorSeed.RoleArn(WebRole))
            .WithEnvironment("AWS_WEB_IDENTITY_TOKEN_FILE", tokenFile)
            .Write("main.tf", MainTf(""));

        await ApplyAndAssertEveryCallWasMadeAs(ws, WebRole, "AssumeRoleWithWebIdentity");
    }

    [Fact]
    public async Task Assume_role_with_web_identity_block()
    {
        using var ws = KeylessWorkspace();
        var tokenFile = Path.Combine(ws.Directory, "token");
        await File.WriteAllTextAsync(tokenFile, await _emu.ServiceAccountTokenAsync("ci", "deploy", "ci-0", "sts.amazonaws.com"));
        ws.Write("main.tf", MainTf($$"""
              assume_role_with_web_identity {
                role_arn                = "{{EmulatorSeed.RoleArn(WebRole)}}"
                session_name            = "web-identity-block"
                web_identity_token_file = "{{tokenFile}}"
              }
            """));

        await ApplyAndAssertEveryCallWasMadeAs(ws, WebRole, "AssumeRoleWithWebIdentity");
    }

    /// <summary>
    /// Terraform itself in a pod with EKS Pod Identity (a CI runner on EKS): no keys anywhere, only the agent's URI
    /// and the projected service-account token, as the pod identity webhook injects them.
    /// </summary>
    [Fact]
    public async Task Container_credentials_of_a_pod_with_eks_pod_identity()
    {
        // The platform team's side, with the account's keys: the agent add-on and the runner's association.
        using (var platform = new TerraformWorkspace(_emu.Emulator))
        {
            platform.Write("main.tf", MainTf("", "runner", "ci", "runner").Replace(
                EmulatorSeed.RoleArn("payments-api"), EmulatorSeed.RoleArn(RunnerRole), StringComparison.Ordinal) + $$"""
                resource "aws_eks_addon" "agent" {
                  cluster_name = "{{EmulatorSeed.ClusterName}}"
                  addon_name   = "eks-pod-identity-agent"
                }
                """);
            await platform.ApplyAsync();
        }

        using var ws = KeylessWorkspace();
        var tokenFile = Path.Combine(ws.Directory, "eks-pod-identity-token");
        await File.WriteAllTextAsync(tokenFile, await _emu.ServiceAccountTokenAsync("ci", "runner", "runner-7f9c"));
        ws.WithEnvironment("AWS_CONTAINER_CREDENTIALS_FULL_URI", _emu.AgentUri)
            .WithEnvironment("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", tokenFile)
            .Write("main.tf", MainTf(""));

        await ApplyAndAssertEveryCallWasMadeAs(ws, RunnerRole, "AssumeRoleForPodIdentity");
    }
}
