using PodIdentity.Provider.AcceptanceTests.Harness;

namespace PodIdentity.Provider.AcceptanceTests.Guides;

/// <summary>
/// docs/guides/migrating-from-hashicorp-aws.md, step by step with the guide's files. hashicorp/aws cannot be
/// downloaded here, so this build stands in for it in steps 1 and 2 (see GuideFiles.WithHashicorpAwsStandIn): what
/// these tests prove is the CLI side (state under hashicorp/aws, removed blocks keeping the objects, import blocks
/// and `terraform import` adopting them into podidentity/aws) and that the adopted objects plan with no changes.
/// </summary>
public sealed class MigratingFromHashicorpAwsGuideTests
{
    private const string Guide = "migrating-from-hashicorp-aws";
    private const string Association = "aws_eks_pod_identity_association.payments";
    private const string Addon = "aws_eks_addon.pod_identity_agent";
    private const string Hashicorp = "registry.terraform.io/hashicorp/aws";
    private const string Ours = "registry.terraform.io/podidentity/aws";

    [Fact]
    public async Task RemovedBlocksThenImportBlocksEndInNoChanges()
    {
        await using var emulator = await EmulatorProcess.StartAsync();
        using var ws = await StartFromHashicorpAwsAsync(emulator);

        ws.Remove("step1-before.tf").Use(Guide, "step2-removed.tf");
        var removed = await ws.ApplyAsync();
        Assert.Contains("Resources: 0 added, 0 changed, 0 destroyed.", removed.Stdout);
        Assert.Empty(await ws.ProvidersInStateAsync());
        var calls = await emulator.CallsAsync();
        Assert.Equal(0, emulator.Count(calls, "eks:DeletePodIdentityAssociation"));
        Assert.Equal(0, emulator.Count(calls, "eks:DeleteAddon"));

        ws.Remove("step2-removed.tf").Use(Guide, "step3-after.tf");
        var imported = await ws.ApplyAsync();
        Assert.Contains("Resources: 2 imported, 0 added, 0 changed, 0 destroyed.", imported.Stdout);
        await AssertAdoptedAsync(ws);
    }

    [Fact]
    public async Task OlderStateCommandsEndInNoChanges()
    {
        await using var emulator = await EmulatorProcess.StartAsync();
        using var ws = await StartFromHashicorpAwsAsync(emulator);

        var commands = GuideFiles.TerraformCommands(GuideFiles.Read(Guide, "state-commands.sh")).ToList();
        Assert.Equal(["state", "import", "import"], commands.Select(c => c[0]));
        (await ws.RunAsync([.. commands[0], "-no-color"])).EnsureSuccess("state rm");
        Assert.Empty(await ws.ProvidersInStateAsync());

        ws.Remove("step1-before.tf").Use(Guide, "step3-after.tf");
        foreach (var import in commands.Skip(1))
        {
            var result = (await ws.RunAsync([import[0], "-no-color", "-input=false", .. import[1..]])).EnsureSuccess(string.Join(' ', import));
            Assert.Contains("Import successful!", result.Stdout);
        }

        await AssertAdoptedAsync(ws);
    }

    private static async Task<TerraformWorkspace> StartFromHashicorpAwsAsync(EmulatorProcess emulator)
    {
        var ws = new TerraformWorkspace(emulator).WithHashicorpAwsStandIn().Use(Guide, "versions.tf", "step1-before.tf");
        var before = await ws.ApplyAsync();
        Assert.Contains("Resources: 2 added", before.Stdout);
        var providers = await ws.ProvidersInStateAsync();
        Assert.Equal(Hashicorp, providers[Association]);
        Assert.Equal(Hashicorp, providers[Addon]);
        return ws;
    }

    private static async Task AssertAdoptedAsync(TerraformWorkspace ws)
    {
        var providers = await ws.ProvidersInStateAsync();
        Assert.Equal(Ours, providers[Association]);
        Assert.Equal(Ours, providers[Addon]);
        await ws.AssertNoChangesAsync("after adopting the objects into podidentity/aws");
    }
}
