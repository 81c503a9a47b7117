using PodIdentity.Provider.AcceptanceTests.Harness;
using static PodIdentity.Provider.AcceptanceTests.Addons.AddonHcl;
using static PodIdentity.Provider.AcceptanceTests.PodIdentity.Hcl;

namespace PodIdentity.Provider.AcceptanceTests.Addons;

/// <summary>
/// An add-on made outside Terraform in a custom namespace, imported, then given the namespace_config it already has:
/// an in-place change with no UpdateAddon and then no diff; a different namespace still replaces it. Once through
/// `terraform import`, once through an import block (import, read and plan in one run).
/// </summary>
public sealed class AddonNamespaceImportScenarioTests
{
    private const string Address = "aws_eks_addon.dns";

    private static string Dns(string? ns = null, string extra = "") => Addon("dns", "coredns", ns is null ? extra : $$"""
          namespace_config {
            namespace = "{{ns}}"
          }
        {{extra}}
        """);

    private static async Task MakeOutsideAsync(EmulatorProcess emulator)
    {
        using var outside = new TerraformWorkspace(emulator);
        outside.Write("main.tf", PlainProviderBlock + Dns("dns-system"));
        await outside.ApplyAsync();
    }

    [Fact]
    public async Task CliImportThenTheSameNamespaceIsNoReplacement()
    {
        await using var emulator = await EmulatorProcess.StartAsync();
        await MakeOutsideAsync(emulator);
        using var ws = new TerraformWorkspace(emulator);

        ws.Write("main.tf", PlainProviderBlock + Dns());
        (await ws.RunAsync("import", "-input=false", "-no-color", Address, $"{Cluster}:coredns")).EnsureSuccess("import");

        ws.Write("main.tf", PlainProviderBlock + Dns("dns-system"));
        var plan = await ws.PlanAsync();
        plan.EnsureExit(2, "plan");
        Assert.DoesNotContain("must be replaced", plan.Output);
        Assert.Contains("Plan: 0 to add, 1 to change, 0 to destroy.", plan.Output);

        await emulator.ResetCallsAsync();
        var applied = await ws.ApplyAsync();
        Assert.Contains("0 added, 1 changed, 0 destroyed", applied.Output);
        var calls = await emulator.CallsAsync();
        Assert.Equal(0, emulator.Count(calls, "eks:UpdateAddon"));
        Assert.Equal(0, emulator.Count(calls, "eks:CreateAddon"));
        Assert.Equal(0, emulator.Count(calls, "eks:DeleteAddon"));
        var state = await ws.ResourceAsync(Address);
        Assert.Equal("dns-system", Assert.Single(state.GetProperty("namespace_config").EnumerateArray()).Str("namespace"));
        await ws.AssertNoChangesAsync("after recording namespace_config");

        ws.Write("main.tf", PlainProviderBlock + Dns("other-system"));
        var moved = await ws.PlanAsync();
        moved.EnsureExit(2, "moved");
        Assert.Contains("must be replaced", moved.Output);
    }

    [Fact]
    public async Task ImportBlockWithTheSameNamespaceIsNoReplacementAndADifferentOneIs()
    {
        await using var emulator = await EmulatorProcess.StartAsync();
        await MakeOutsideAsync(emulator);
        using var ws = new TerraformWorkspace(emulator);
        var importBlock = $$"""
            import {
              to = {{Address}}
              id = "{{Cluster}}:coredns"
            }

            """;

        // A different namespace than the one the add-on runs in: the import plan replaces it.
        ws.Write("main.tf", PlainProviderBlock + importBlock + Dns("other-system"));
        var moved = await ws.PlanAsync();
        moved.EnsureExit(2, "moved");
        Assert.Contains("must be replaced", moved.Output);

        ws.Write("main.tf", PlainProviderBlock + importBlock + Dns("dns-system"));
        var plan = await ws.PlanAsync();
        plan.EnsureExit(2, "plan");
        Assert.DoesNotContain("must be replaced", plan.Output);
        Assert.Contains("1 to import, 0 to add, 1 to change, 0 to destroy", plan.Output);

        await emulator.ResetCallsAsync();
        await ws.ApplyAsync();
        var calls = await emulator.CallsAsync();
        Assert.Equal(0, emulator.Count(calls, "eks:UpdateAddon"));
        Assert.Equal(0, emulator.Count(calls, "eks:CreateAddon"));
        Assert.Equal(0, emulator.Count(calls, "eks:DeleteAddon"));
        await ws.AssertNoChangesAsync("after importing with namespace_config");
    }
}
