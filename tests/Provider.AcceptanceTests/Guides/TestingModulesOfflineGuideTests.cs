using System.Text.Json.Nodes;
using PodIdentity.Provider.AcceptanceTests.Harness;

namespace PodIdentity.Provider.AcceptanceTests.Guides;

/// <summary>
/// docs/guides/testing-modules-offline.md: `terraform test` runs examples/modules/pod-identity/tests/*.tftest.hcl
/// against the emulator, with nothing but the environment pointing the provider at it.
/// </summary>
public sealed class TestingModulesOfflineGuideTests
{
    private static string Module => Path.Combine(TestPaths.ExamplesDir, "modules", "pod-identity");

    [Fact]
    public async Task TerraformTestPassesEveryRunAgainstTheEmulator()
    {
        // The seed the guide tells the reader to start the emulator with.
        await using var emulator = await EmulatorProcess.StartAsync(
            (JsonObject)JsonNode.Parse(GuideFiles.Read("running-the-emulator", "seed.json"))!);
        using var ws = new TerraformWorkspace(emulator).CopyFrom(Module);
        Directory.CreateDirectory(Path.Combine(ws.Directory, "tests"));
        foreach (var file in Directory.GetFiles(Path.Combine(Module, "tests"), "*.tftest.hcl"))
        {
            File.Copy(file, Path.Combine(ws.Directory, "tests", Path.GetFileName(file)));
        }

        // As the guide says: the provider from `make install`'s mirror, `terraform init`, `terraform test`.
        await MirrorInstallTests.UseMirrorAsync(ws);
        (await ws.RunAsync("init", "-no-color", "-input=false")).EnsureSuccess("init");
        var result = await ws.RunAsync("test", "-no-color");

        Assert.True(result.ExitCode == 0, $"terraform test failed:\n{result.Report}");
        Assert.Contains("run \"installs_agent_and_association\"... pass", result.Stdout);
        Assert.Contains("run \"changing_the_role_updates_in_place\"... pass", result.Stdout);
        Assert.Contains("run \"rejects_a_bad_namespace_at_plan_time\"... pass", result.Stdout);
        Assert.Contains("Success! 3 passed, 0 failed.", result.Stdout);

        // terraform test destroys what it created: the emulator is empty again.
        var calls = await emulator.CallsAsync();
        Assert.Equal(1, emulator.Count(calls, "eks:CreatePodIdentityAssociation"));
        Assert.Equal(1, emulator.Count(calls, "eks:DeletePodIdentityAssociation"));
        Assert.Equal(1, emulator.Count(calls, "eks:DeleteAddon"));
    }

    [Fact]
    public async Task AFailingAssertionFailsTheRun()
    {
        // The suite must be able to fail: the same module with a wrong expectation does.
        await using var emulator = await EmulatorProcess.StartAsync();
        using var ws = new TerraformWorkspace(emulator).CopyFrom(Module);
        ws.Write("wrong.tftest.hcl", """
            variables {
              cluster_name    = "pod-identity-lab"
              namespace       = "payments"
              service_account = "payments-api"
              role_arn        = "arn:aws:iam::123456789012:role/payments-api"
            }

            run "wrong_prefix" {
              assert {
                condition     = startswith(output.association_id, "b-")
                error_message = "expected b-"
              }
            }
            """);

        var result = await ws.RunAsync("test", "-no-color");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("expected b-", result.Output);
        Assert.Contains("0 passed, 1 failed", result.Stdout);
    }
}
