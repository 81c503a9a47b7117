using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using PodIdentity.Provider.AcceptanceTests.Harness;

namespace PodIdentity.Provider.AcceptanceTests.Guides;

/// <summary>
/// `make install`'s filesystem mirror (scripts/install-mirror.sh): a plain `terraform init` installs this build from
/// it, also for a configuration that calls a module, records the build's h1 hash in the lock file, the provider logs
/// the same version, and plan works.
/// </summary>
public sealed class MirrorInstallTests
{
    internal static string Version => File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "VERSION")).Trim();

    /// <summary>What `make install` does, into the workspace: the mirror and a CLI configuration the workspace then uses.</summary>
    internal static async Task<string> UseMirrorAsync(TerraformWorkspace ws)
    {
        var mirror = Path.Combine(ws.Directory, "mirror");
        var config = Path.Combine(ws.Directory, "mirror.tfrc");
        (await ProcessRunner.RunAsync(
            Path.Combine(TestPaths.RepoRoot, "scripts", "install-mirror.sh"),
            [TestPaths.ProviderDir, Version, mirror, config],
            ws.Directory,
            new Dictionary<string, string?>(),
            TimeSpan.FromMinutes(2))).EnsureSuccess("install-mirror.sh");
        ws.WithEnvironment("TF_CLI_CONFIG_FILE", config);
        return mirror;
    }

    [Fact]
    public async Task InitThroughAModuleUsesTheMirrorAndLocksThisBuildsHash()
    {
        await using var emulator = await EmulatorProcess.StartAsync();
        using var ws = new TerraformWorkspace(emulator);
        var mirror = await UseMirrorAsync(ws);

        var platform = Directory.GetDirectories(Path.Combine(mirror, "registry.terraform.io", "podidentity", "aws", Version)).Single();
        Assert.True(File.Exists(Path.Combine(platform, $"terraform-provider-aws_v{Version}")), "the mirror must hold terraform-provider-aws_v" + Version);

        ws.Write("main.tf", $$"""
            terraform {
              required_providers {
                aws = { source = "podidentity/aws", version = "{{Version}}" }
              }
            }

            provider "aws" {}

            module "payments" {
              source          = "{{Path.Combine(TestPaths.ExamplesDir, "modules", "pod-identity").Replace('\\', '/')}}"
              cluster_name    = "{{EmulatorSeed.ClusterName}}"
              namespace       = "payments"
              service_account = "payments-api"
              role_arn        = "{{EmulatorSeed.RoleArn("payments-api")}}"
            }
            """);

        var init = await ws.RunAsync("init", "-no-color", "-input=false");
        Assert.True(init.ExitCode == 0, $"init failed:\n{init.Report}");
        Assert.Contains($"Installing podidentity/aws v{Version}...", init.Stdout);
        Assert.DoesNotContain("development overrides", init.Output);
        var lockFile = File.ReadAllText(Path.Combine(ws.Directory, ".terraform.lock.hcl"));
        Assert.Contains($"version     = \"{Version}\"", lockFile);
        Assert.Contains(DirectoryHash(platform), lockFile);

        // The same version is in the provider's start-up log line.
        var validate = await ws.WithEnvironment("TF_LOG_PROVIDER", "info").RunAsync("validate", "-no-color");
        Assert.True(validate.ExitCode == 0, $"validate failed:\n{validate.Report}");
        // Terraform prints hclog fields in map order, so @module may come before or after version.
        Assert.Matches($"terraform-provider-aws starting: .*version={Regex.Escape(Version)}", validate.Stderr);
        ws.WithEnvironment("TF_LOG_PROVIDER", null);

        var plan = await ws.PlanAsync();
        Assert.True(plan.ExitCode == 2, $"plan should propose the module's objects (exit 2):\n{plan.Report}");
        Assert.Contains("module.payments.aws_eks_pod_identity_association.this will be created", plan.Stdout);
        Assert.Contains("Plan: 2 to add, 0 to change, 0 to destroy.", plan.Stdout);
    }

    /// <summary>Terraform's "h1:" package hash: SHA-256 over "sha256hex  path\n" lines of every file, sorted by path.</summary>
    private static string DirectoryHash(string directory)
    {
        var summary = new StringBuilder();
        foreach (var file in Directory.GetFiles(directory, "*", SearchOption.AllDirectories)
                     .Select(f => Path.GetRelativePath(directory, f).Replace('\\', '/'))
                     .Order(StringComparer.Ordinal))
        {
            var hash = SHA256.HashData(File.ReadAllBytes(Path.Combine(directory, file)));
            summary.Append(Convert.ToHexStringLower(hash)).Append("  ").Append(file).Append('\n');
        }

        return "h1:" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(summary.ToString())));
    }
}
