using System.Text.Json;
using System.Text.Json.Nodes;
using PodIdentity.Provider.AcceptanceTests.Harness;

namespace PodIdentity.Provider.AcceptanceTests.Checks;

/// <summary>One diagnostic from Terraform's machine-readable output, with the attribute its source line sets.</summary>
internal sealed record CliDiagnostic(string Severity, string Summary, string Detail, string? Address, string? Attribute);

/// <summary>Seeds, configuration and `-json` output helpers for the plan-check scenarios.</summary>
internal static class CheckCli
{
    public const string Cluster = EmulatorSeed.ClusterName;

    /// <summary>The agent check is off so that only the checks under test speak.</summary>
    public const string ProviderBlock = """
        terraform {
          required_providers {
            aws = { source = "podidentity/aws" }
          }
        }

        provider "aws" {
          skip_pod_identity_agent_check = true
        }

        """;

    public static string ProviderWith(string settings) => ProviderBlock.Replace(
        "skip_pod_identity_agent_check = true", "skip_pod_identity_agent_check = true\n  " + settings, StringComparison.Ordinal);

    public static string Arn(string role) => EmulatorSeed.RoleArn(role);

    /// <summary>The default seed plus roles with the given trust policies.</summary>
    public static JsonObject Seed(params (string Name, string Trust)[] roles)
    {
        var seed = EmulatorSeed.Lab();
        var list = (JsonArray)seed["roles"]!;
        foreach (var (name, trust) in roles)
        {
            list.Add(new JsonObject { ["name"] = name, ["assumeRolePolicyDocument"] = trust });
        }

        return seed;
    }

    public static string Association(string name, string ns, string serviceAccount, string roleArn, string extra = "", string cluster = Cluster) => $$"""
        resource "aws_eks_pod_identity_association" "{{name}}" {
          cluster_name    = "{{cluster}}"
          namespace       = "{{ns}}"
          service_account = "{{serviceAccount}}"
          role_arn        = "{{roleArn}}"
        {{extra}}
        }

        """;

    /// <summary>Runs a command with <c>-json</c> and returns its result and the diagnostics it reported.</summary>
    public static async Task<(ProcessResult Result, List<CliDiagnostic> Diagnostics)> JsonAsync(this TerraformWorkspace ws, params string[] arguments)
    {
        var result = await ws.RunAsync([.. arguments, "-json", "-input=false"]);
        var diagnostics = new List<CliDiagnostic>();
        foreach (var line in result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!line.StartsWith('{'))
            {
                continue;
            }

            using var doc = JsonDocument.Parse(line);
            // The CLI's own note about dev_overrides is not the provider's.
            if (!doc.RootElement.TryGetProperty("diagnostic", out var d) || d.GetProperty("summary").GetString()!.StartsWith("Provider development overrides", StringComparison.Ordinal))
            {
                continue;
            }

            var code = d.TryGetProperty("snippet", out var snippet) && snippet.TryGetProperty("code", out var c) ? c.GetString() : null;
            diagnostics.Add(new CliDiagnostic(
                d.GetProperty("severity").GetString()!,
                d.GetProperty("summary").GetString()!,
                d.TryGetProperty("detail", out var detail) ? detail.GetString()! : "",
                d.TryGetProperty("address", out var address) ? address.GetString() : null,
                code?.Trim().Split([' ', '='], 2)[0]));
        }

        return (result, diagnostics);
    }

    /// <summary>The diagnostics of one summary, as (severity, address, attribute).</summary>
    public static List<(string Severity, string? Address, string? Attribute)> Where(this List<CliDiagnostic> diagnostics, string summary) =>
        diagnostics.Where(d => d.Summary == summary).Select(d => (d.Severity, d.Address, d.Attribute)).OrderBy(d => d.Address, StringComparer.Ordinal).ToList();

    public static string Trust(string principal, string actions, string effect = "Allow", string condition = "") =>
        $$"""{"Version":"2012-10-17","Statement":[{"Effect":"{{effect}}","Principal":{{principal}},"Action":{{actions}}{{condition}}}]}""";

    public const string PodsPrincipal = """{"Service":"pods.eks.amazonaws.com"}""";
    public const string BothActions = """["sts:AssumeRole","sts:TagSession"]""";
    public const string Universal = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"pods.eks.amazonaws.com"},"Action":["sts:AssumeRole","sts:TagSession"]}]}""";
}
