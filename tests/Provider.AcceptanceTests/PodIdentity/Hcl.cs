using System.Text.Json;
using System.Text.RegularExpressions;
using PodIdentity.Provider.AcceptanceTests.Harness;

namespace PodIdentity.Provider.AcceptanceTests.PodIdentity;

/// <summary>Configuration snippets and state/plan helpers shared by the pod identity CLI scenarios.</summary>
internal static partial class Hcl
{
    public const string Cluster = EmulatorSeed.ClusterName;

    /// <summary>Provider block with default_tags and ignore_tags; region, endpoint and keys come from the harness's environment.</summary>
    public const string ProviderBlock = """
        terraform {
          required_providers {
            aws = { source = "podidentity/aws" }
          }
        }

        provider "aws" {
          default_tags {
            tags = { managed-by = "terraform" }
          }
          ignore_tags {
            keys = ["ignored"]
          }
        }

        """;

    /// <summary>A provider block without default or ignored tags: what a colleague's separate configuration might use.</summary>
    public const string PlainProviderBlock = """
        terraform {
          required_providers {
            aws = { source = "podidentity/aws" }
          }
        }

        provider "aws" {}

        """;

    public static string Role(string name) => EmulatorSeed.RoleArn(name);

    public static string Association(string name, string ns, string serviceAccount, string role, string extra = "") => $$"""
        resource "aws_eks_pod_identity_association" "{{name}}" {
          cluster_name    = "{{Cluster}}"
          namespace       = "{{ns}}"
          service_account = "{{serviceAccount}}"
          role_arn        = "{{Role(role)}}"
        {{extra}}
        }

        """;

    public static string Str(this JsonElement values, string name) =>
        values.GetProperty(name).ValueKind == JsonValueKind.Null ? throw new Xunit.Sdk.XunitException($"{name} is null") : values.GetProperty(name).GetString()!;

    public static bool IsNull(this JsonElement values, string name) => values.GetProperty(name).ValueKind == JsonValueKind.Null;

    public static Dictionary<string, string> Map(this JsonElement values, string name) =>
        values.GetProperty(name).ValueKind == JsonValueKind.Null
            ? []
            : values.GetProperty(name).EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);

    public static void AssertRfc3339(string value) => Assert.Matches(Rfc3339(), value);

    public static async Task<IReadOnlyList<string>> StateListAsync(this TerraformWorkspace ws)
    {
        var result = (await ws.RunAsync("state", "list")).EnsureSuccess("state list");
        return result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>Plans into a file and returns `show -json` of it (resource_changes with before/after/after_unknown).</summary>
    public static async Task<JsonDocument> PlanJsonAsync(this TerraformWorkspace ws)
    {
        var plan = await ws.PlanAsync("-out=tfplan");
        if (plan.ExitCode is not (0 or 2))
        {
            plan.EnsureSuccess("plan");
        }

        var shown = (await ws.RunAsync("show", "-json", "-no-color", "tfplan")).EnsureSuccess("show -json tfplan");
        return JsonDocument.Parse(shown.Stdout);
    }

    public static JsonElement Change(this JsonDocument plan, string address) =>
        plan.RootElement.GetProperty("resource_changes").EnumerateArray()
            .First(c => c.GetProperty("address").GetString() == address).GetProperty("change");

    public static string[] Actions(this JsonElement change) =>
        change.GetProperty("actions").EnumerateArray().Select(a => a.GetString()!).ToArray();

    /// <summary>Asserts a plan with `-detailed-exitcode` found nothing to do.</summary>
    public static async Task AssertNoChangesAsync(this TerraformWorkspace ws, string why)
    {
        var plan = await ws.PlanAsync();
        if (plan.ExitCode != 0)
        {
            throw new Xunit.Sdk.XunitException($"expected no changes ({why}), plan exited {plan.ExitCode}\n{plan.Output}");
        }
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")]
    private static partial Regex Rfc3339();
}
