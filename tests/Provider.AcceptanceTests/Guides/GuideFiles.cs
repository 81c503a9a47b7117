using System.Text.Json;
using PodIdentity.Provider.AcceptanceTests.Harness;

namespace PodIdentity.Provider.AcceptanceTests.Guides;

/// <summary>
/// The files the guides show (examples/guides/..., embedded into docs/guides by `make docs`), copied into test
/// workspaces unchanged, so each guide test runs exactly what its page shows.
/// </summary>
internal static class GuideFiles
{
    public static string Folder(string guide) => Path.Combine(TestPaths.ExamplesDir, "guides", guide);

    public static string Read(string guide, string file) => File.ReadAllText(Path.Combine(Folder(guide), file));

    /// <summary>Copies the named files of a guide into the workspace under the same names.</summary>
    public static TerraformWorkspace Use(this TerraformWorkspace ws, string guide, params string[] files)
    {
        foreach (var file in files)
        {
            ws.Write(file, Read(guide, file));
        }

        return ws;
    }

    public static TerraformWorkspace Remove(this TerraformWorkspace ws, string file)
    {
        File.Delete(Path.Combine(ws.Directory, file));
        return ws;
    }

    /// <summary>
    /// hashicorp/aws cannot be downloaded here, so for the steps that need it this build stands in for it: one CLI
    /// configuration overrides both source addresses with the provider under test. Only the CLI's handling (state
    /// under hashicorp/aws, removed blocks, import into podidentity/aws) is real in those steps.
    /// </summary>
    public static TerraformWorkspace WithHashicorpAwsStandIn(this TerraformWorkspace ws)
    {
        var config = Path.Combine(ws.Directory, ".terraformrc-stand-in");
        File.WriteAllText(config, $$"""
            provider_installation {
              dev_overrides {
                "podidentity/aws" = "{{TestPaths.ProviderDir}}"
                "hashicorp/aws"   = "{{TestPaths.ProviderDir}}"
              }
              direct {}
            }
            """);
        return ws.WithEnvironment("TF_CLI_CONFIG_FILE", config);
    }

    /// <summary>Each resource in state as (address, provider source), from `terraform show -json`.</summary>
    public static async Task<Dictionary<string, string>> ProvidersInStateAsync(this TerraformWorkspace ws)
    {
        using var state = await ws.StateAsync();
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!state.RootElement.TryGetProperty("values", out var values))
        {
            return result;
        }

        foreach (var resource in values.GetProperty("root_module").GetProperty("resources").EnumerateArray())
        {
            result[resource.GetProperty("address").GetString()!] = resource.GetProperty("provider_name").GetString()!;
        }

        return result;
    }

    public static async Task AssertNoChangesAsync(this TerraformWorkspace ws, string why)
    {
        var plan = await ws.PlanAsync();
        Assert.True(plan.ExitCode == 0, $"{why}: expected no changes (exit 0), got {plan.ExitCode}\n{plan.Report}");
        Assert.Contains("No changes.", plan.Stdout);
    }

    /// <summary>The `terraform ...` lines of a shell snippet, split into arguments (the snippets quote nothing).</summary>
    public static IEnumerable<string[]> TerraformCommands(string script) => script.Split('\n')
        .Select(l => l.Trim())
        .Where(l => l.StartsWith("terraform ", StringComparison.Ordinal))
        .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..]);

    public static JsonElement Values(this JsonDocument state, string address)
    {
        foreach (var resource in state.RootElement.GetProperty("values").GetProperty("root_module").GetProperty("resources").EnumerateArray())
        {
            if (resource.GetProperty("address").GetString() == address)
            {
                return resource.GetProperty("values");
            }
        }

        throw new Xunit.Sdk.XunitException($"{address} is not in state");
    }
}
