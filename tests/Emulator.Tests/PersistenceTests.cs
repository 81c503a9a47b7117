using System.Net;

namespace PodIdentity.Emulator.Tests;

public sealed class PersistenceTests
{
    [Fact]
    public async Task StateSurvivesARestart()
    {
        var dir = Directory.CreateTempSubdirectory("emu-state-").FullName;
        var stateFile = Path.Combine(dir, "state.json");
        string id, key, secret, token;
        await using (var first = await TestEmulator.StartAsync(stateFile: stateFile, directory: dir, addonTransition: 60))
        {
            var created = await first.EksAsync(HttpMethod.Post, "/clusters/demo/pod-identity-associations",
                new { @namespace = "n", serviceAccount = "s", roleArn = TestEmulator.PodRole, tags = new { k = "v" } });
            id = created.Json["association"]!["associationId"]!.GetValue<string>();
            Assert.True(File.Exists(stateFile), "the state file is written before the answer");
            Assert.Contains(id, await File.ReadAllTextAsync(stateFile));
            var role = await first.QueryAsync("iam", new Dictionary<string, string>
            {
                ["Action"] = "CreateRole", ["RoleName"] = "kept",
                ["AssumeRolePolicyDocument"] = """{"Statement":[{"Effect":"Allow","Principal":{"AWS":"123456789012"},"Action":"sts:AssumeRole"}]}""",
            });
            Assert.True(role.Status == HttpStatusCode.OK, role.Text);
            await first.EksAsync(HttpMethod.Post, "/clusters/demo/addons", new { addonName = "coredns" });
            var assumed = await first.QueryAsync("sts", new Dictionary<string, string>
            {
                ["Action"] = "AssumeRole", ["RoleArn"] = "arn:aws:iam::123456789012:role/kept", ["RoleSessionName"] = "s1",
            });
            Assert.True(assumed.Status == HttpStatusCode.OK, assumed.Text);
            (key, secret, token) = (assumed.XmlValue("AccessKeyId")!, assumed.XmlValue("SecretAccessKey")!, assumed.XmlValue("SessionToken")!);
        }
        Assert.False(File.Exists(stateFile + ".tmp"));

        await using var second = await TestEmulator.StartAsync(stateFile: stateFile, directory: dir, addonTransition: 60);
        var described = await second.EksAsync(HttpMethod.Get, $"/clusters/demo/pod-identity-associations/{id}");
        Assert.Equal(HttpStatusCode.OK, described.Status);
        Assert.Equal("v", described.Json["association"]!["tags"]!["k"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK,
            (await second.QueryAsync("iam", new Dictionary<string, string> { ["Action"] = "GetRole", ["RoleName"] = "kept" })).Status);
        Assert.Equal("CREATING",
            (await second.EksAsync(HttpMethod.Get, "/clusters/demo/addons/coredns")).Json["addon"]!["status"]!.GetValue<string>());
        var who = await second.QueryAsync("sts", new Dictionary<string, string> { ["Action"] = "GetCallerIdentity" }, key, secret, token);
        Assert.True(who.Status == HttpStatusCode.OK, who.Text);
    }

    [Fact]
    public async Task ResetPersistsTheSeededState()
    {
        var dir = Directory.CreateTempSubdirectory("emu-state-").FullName;
        var stateFile = Path.Combine(dir, "state.json");
        await using (var emu = await TestEmulator.StartAsync(stateFile: stateFile, directory: dir))
        {
            await emu.EksAsync(HttpMethod.Post, "/clusters/demo/pod-identity-associations",
                new { @namespace = "n", serviceAccount = "s", roleArn = TestEmulator.PodRole });
            await emu.AdminAsync(HttpMethod.Post, "reset");
        }
        await using var again = await TestEmulator.StartAsync(stateFile: stateFile, directory: dir);
        Assert.Empty((await again.EksAsync(HttpMethod.Get, "/clusters/demo/pod-identity-associations")).Json["associations"]!.AsArray());
    }

    [Fact]
    public void AFailedChangeLeavesTheSavedStateInMemory()
    {
        var dir = Directory.CreateTempSubdirectory("emu-state-").FullName;
        var store = new State.StateStore(Path.Combine(dir, "state.json"), () => new State.EmulatorState());
        store.Write(s => s.AccountId = "111111111111");
        Assert.Throws<InvalidOperationException>(() => store.Write<int>(s =>
        {
            s.AccountId = "222222222222";
            throw new InvalidOperationException("half-way");
        }));
        Assert.Equal("111111111111", store.Read(s => s.AccountId));
        Assert.Equal("111111111111", new State.StateStore(Path.Combine(dir, "state.json"), () => new State.EmulatorState()).Read(s => s.AccountId));
    }
}
