using System.Text.Json.Nodes;
using PodIdentity.Provider.AcceptanceTests.Harness;

namespace PodIdentity.Provider.AcceptanceTests.Guides;

/// <summary>
/// docs/guides/running-the-emulator.md: the guide's seed file, its AWS CLI walkthrough and its fault-rule commands,
/// run as shown against the published emulator. Needs the AWS CLI (v1 1.30+ or v2 2.14+, for the pod identity
/// commands and AWS_ENDPOINT_URL) on PATH, or AWS_CLI_PATH.
/// </summary>
public sealed class RunningTheEmulatorGuideTests
{
    private const string Guide = "running-the-emulator";

    [Fact]
    public async Task TheAwsCliWalkthroughRunsAgainstTheGuidesSeed()
    {
        await using var emulator = await StartWithGuideSeedAsync();
        var result = await RunScriptAsync(emulator, "walkthrough.sh");

        Assert.True(result.ExitCode == 0, $"walkthrough.sh failed:\n{result.Report}");
        Assert.Contains("eks-pod-identity-agent\tv", result.Stdout);
        Assert.Contains("\tACTIVE", result.Stdout);
        Assert.Matches(@"created a-[a-z0-9]{17}\n", result.Stdout);
        Assert.Matches(@"a-[a-z0-9]{17}\tpayments\tpayments-api", result.Stdout);
        Assert.Contains("arn:aws:iam::123456789012:role/payments-api\tarn:aws:eks:us-west-2:123456789012:podidentityassociation/pod-identity-lab/a-", result.Stdout);

        // The pod's SDK got the role's credentials from the node agent: STS sees the role's session, not the root keys.
        Assert.Matches(@"arn:aws:sts::123456789012:assumed-role/payments-api/eks-pod-ident[^\s]*-payments-a", result.Stdout);

        var calls = await emulator.CallsAsync();
        foreach (var operation in new[] { "CreateAddon", "CreatePodIdentityAssociation", "ListPodIdentityAssociations", "DescribePodIdentityAssociation", "DeletePodIdentityAssociation", "DeleteAddon" })
        {
            Assert.True(emulator.Count(calls, "eks:" + operation) == 1, $"eks:{operation} should have been called once: {string.Join(", ", calls)}");
        }
    }

    [Fact]
    public async Task TheFaultRuleFailsTwoCallsThenTheCliSucceeds()
    {
        await using var emulator = await StartWithGuideSeedAsync();
        var result = await RunScriptAsync(emulator, "faults.sh");

        Assert.True(result.ExitCode == 0, $"faults.sh failed:\n{result.Report}");
        Assert.Contains("\"id\"", result.Stdout);
        Assert.Contains("ListPodIdentityAssociations", result.Stdout);
        // Two injected 503s and the successful third attempt all reached the emulator.
        Assert.Contains("\"eks:ListPodIdentityAssociations\":3", result.Stdout.Replace(" ", "", StringComparison.Ordinal));
        Assert.Equal(3, emulator.Count(await emulator.CallsAsync(), "eks:ListPodIdentityAssociations"));
    }

    [Fact]
    public async Task TheStateFileKeepsAssociationsAcrossRestarts()
    {
        var folder = Directory.CreateTempSubdirectory("emulator-state-").FullName;
        try
        {
            var stateFile = Path.Combine(folder, "state.json");
            string created;
            await using (var first = await EmulatorProcess.StartAsync(GuideSeed(), "--state", stateFile))
            {
                created = (await AwsAsync(first, "eks", "create-pod-identity-association", "--cluster-name", "pod-identity-lab",
                    "--namespace", "payments", "--service-account", "payments-api", "--role-arn", EmulatorSeed.RoleArn("payments-api"),
                    "--query", "association.associationId", "--output", "text")).EnsureSuccess("create").Stdout.Trim();
            }

            // A restart with the same --state and no seed still knows the association.
            await using var second = await EmulatorProcess.StartAsync(new JsonObject(), "--state", stateFile);
            var listed = (await AwsAsync(second, "eks", "list-pod-identity-associations", "--cluster-name", "pod-identity-lab",
                "--query", "associations[].associationId", "--output", "text")).EnsureSuccess("list").Stdout.Trim();
            Assert.Equal(created, listed);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static JsonObject GuideSeed() => (JsonObject)JsonNode.Parse(GuideFiles.Read(Guide, "seed.json"))!;

    private static Task<EmulatorProcess> StartWithGuideSeedAsync() => EmulatorProcess.StartAsync(GuideSeed());

    private static Task<ProcessResult> RunScriptAsync(EmulatorProcess emulator, string script) =>
        ProcessRunner.RunAsync("bash", [Path.Combine(GuideFiles.Folder(Guide), script)], GuideFiles.Folder(Guide), AwsCli.Environment(emulator), TimeSpan.FromMinutes(10));

    private static Task<ProcessResult> AwsAsync(EmulatorProcess emulator, params string[] arguments) => AwsCli.RunAsync(emulator, arguments);
}
