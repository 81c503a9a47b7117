using System.Net;
using System.Text.Json.Nodes;

namespace PodIdentity.Emulator.Tests;

public sealed class AddonTests : IAsyncLifetime
{
    private TestEmulator _emu = null!;

    public async Task InitializeAsync() => _emu = await TestEmulator.StartAsync(addonTransition: 0.2);

    public async Task DisposeAsync() => await _emu.DisposeAsync();

    private async Task<string> StatusAfterTransition(string addon)
    {
        await Task.Delay(350);
        return (await _emu.EksAsync(HttpMethod.Get, $"/clusters/demo/addons/{addon}")).Json["addon"]!["status"]!.GetValue<string>();
    }

    // Polls instead of sleeping a fixed time: on a loaded machine a fixed sleep races the transition.
    private async Task<string> StatusWhenSettled(string addon)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var status = (await _emu.EksAsync(HttpMethod.Get, $"/clusters/demo/addons/{addon}")).Json["addon"]!["status"]!.GetValue<string>();
            if (status is not ("CREATING" or "UPDATING" or "DELETING") || DateTime.UtcNow > deadline)
            {
                return status;
            }

            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task CreateUpdateDeleteWithOwnedAssociations()
    {
        var create = await _emu.EksAsync(HttpMethod.Post, "/clusters/demo/addons", new
        {
            addonName = "vpc-cni",
            podIdentityAssociations = new[] { new { serviceAccount = "aws-node", roleArn = TestEmulator.PodRole } },
            configurationValues = "env:\n  WARM_IP_TARGET: \"5\"\n",
        });
        Assert.Equal(HttpStatusCode.OK, create.Status);
        ModelShapes.AssertConforms(create.Json, "CreateAddonResponse");
        var addon = create.Json["addon"]!;
        Assert.Equal("CREATING", addon["status"]!.GetValue<string>());
        Assert.Equal("v1.20.4-eksbuild.2", addon["addonVersion"]!.GetValue<string>());
        var addonArn = addon["addonArn"]!.GetValue<string>();
        var associationArn = addon["podIdentityAssociations"]![0]!.GetValue<string>();
        var associationId = associationArn[(associationArn.LastIndexOf('/') + 1)..];

        var owned = (await _emu.EksAsync(HttpMethod.Get, $"/clusters/demo/pod-identity-associations/{associationId}")).Json["association"]!;
        Assert.Equal(addonArn, owned["ownerArn"]!.GetValue<string>());
        Assert.Equal("kube-system", owned["namespace"]!.GetValue<string>());
        Assert.Equal("aws-node", owned["serviceAccount"]!.GetValue<string>());
        Assert.Equal("InvalidRequestException",
            (await _emu.EksAsync(HttpMethod.Delete, $"/clusters/demo/pod-identity-associations/{associationId}")).ErrorType);
        Assert.Equal("ACTIVE", await StatusAfterTransition("vpc-cni"));

        // Long enough that the second update below surely finds the first one still running.
        await _emu.AdminAsync(HttpMethod.Post, "faults", """{"action":"addon-slow","addonName":"vpc-cni","seconds":2,"count":1}""");
        var update = await _emu.EksAsync(HttpMethod.Post, "/clusters/demo/addons/vpc-cni/update", new
        {
            addonVersion = "v1.21.1-eksbuild.1", podIdentityAssociations = Array.Empty<object>(),
        });
        ModelShapes.AssertConforms(update.Json, "UpdateAddonResponse");
        var updateId = update.Json["update"]!["id"]!.GetValue<string>();
        Assert.Equal("InProgress", update.Json["update"]!["status"]!.GetValue<string>());
        Assert.Equal("ResourceInUseException",
            (await _emu.EksAsync(HttpMethod.Post, "/clusters/demo/addons/vpc-cni/update", new { })).ErrorType);
        Assert.Equal("ACTIVE", await StatusWhenSettled("vpc-cni"));
        var described = await _emu.EksAsync(HttpMethod.Get, $"/clusters/demo/updates/{updateId}?addonName=vpc-cni");
        Assert.Equal("Successful", described.Json["update"]!["status"]!.GetValue<string>());
        Assert.Equal("ResourceNotFoundException",
            (await _emu.EksAsync(HttpMethod.Get, $"/clusters/demo/pod-identity-associations/{associationId}")).ErrorType);

        var delete = await _emu.EksAsync(HttpMethod.Delete, "/clusters/demo/addons/vpc-cni?preserve=true");
        Assert.Equal("DELETING", delete.Json["addon"]!["status"]!.GetValue<string>());
        await Task.Delay(350);
        Assert.Equal("ResourceNotFoundException", (await _emu.EksAsync(HttpMethod.Get, "/clusters/demo/addons/vpc-cni")).ErrorType);
    }

    [Fact]
    public async Task DeletingTheAddonRemovesItsAssociations()
    {
        var create = await _emu.EksAsync(HttpMethod.Post, "/clusters/demo/addons", new
        {
            addonName = "aws-ebs-csi-driver",
            podIdentityAssociations = new[] { new { serviceAccount = "ebs-csi-controller-sa", roleArn = TestEmulator.PodRole } },
        });
        Assert.Equal(HttpStatusCode.OK, create.Status);
        await Task.Delay(300);
        await _emu.EksAsync(HttpMethod.Delete, "/clusters/demo/addons/aws-ebs-csi-driver");
        await Task.Delay(300);
        var list = await _emu.EksAsync(HttpMethod.Get, "/clusters/demo/pod-identity-associations?namespace=kube-system");
        Assert.Empty(list.Json["associations"]!.AsArray());
    }

    [Theory]
    [InlineData("""{"addonName":"no-such-addon"}""")]
    [InlineData("""{"addonName":"eks-pod-identity-agent","addonVersion":"v9.9.9-eksbuild.1"}""")]
    [InlineData("""{"addonName":"kube-proxy","addonVersion":"v1.34.1-eksbuild.2"}""")]
    [InlineData("""{"addonName":"coredns","configurationValues":"{\"nope\":1}"}""")]
    [InlineData("""{"addonName":"coredns","podIdentityAssociations":[{"serviceAccount":"coredns","roleArn":"arn:aws:iam::123456789012:role/pod-role"}]}""")]
    [InlineData("""{"addonName":"vpc-cni","podIdentityAssociations":[{"serviceAccount":"aws-node","roleArn":"arn:aws:iam::123456789012:role/missing"}]}""")]
    public async Task RejectsWhatAwsRejects(string body)
    {
        var r = await _emu.EksAsync(HttpMethod.Post, "/clusters/demo/addons", body);
        Assert.Equal((HttpStatusCode.BadRequest, "InvalidParameterException"), (r.Status, r.ErrorType));
    }

    [Fact]
    public async Task ClusterNameShapeIsEnforcedOnAddonRoutes()
    {
        Assert.Equal("InvalidParameterException", (await _emu.EksAsync(HttpMethod.Get, "/clusters/_bad/addons/coredns")).ErrorType);
        Assert.Equal("ResourceNotFoundException", (await _emu.EksAsync(HttpMethod.Get, "/clusters/good/addons/coredns")).ErrorType);
    }

    [Fact]
    public async Task OutcomeFaultEndsInCreateFailedWithHealthIssues()
    {
        var fault = await _emu.AdminAsync(HttpMethod.Post, "faults",
            """{"action":"addon-outcome","addonName":"coredns","outcome":"CREATE_FAILED","healthIssues":[{"code":"InsufficientNumberOfReplicas","message":"no nodes"}],"count":1}""");
        Assert.Equal(HttpStatusCode.Created, fault.Status);
        await _emu.EksAsync(HttpMethod.Post, "/clusters/demo/addons", new { addonName = "coredns" });
        await Task.Delay(350);
        var addon = (await _emu.EksAsync(HttpMethod.Get, "/clusters/demo/addons/coredns")).Json["addon"]!;
        Assert.Equal("CREATE_FAILED", addon["status"]!.GetValue<string>());
        Assert.Equal("InsufficientNumberOfReplicas", addon["health"]!["issues"]![0]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task SlowFaultStretchesOneTransition()
    {
        await _emu.AdminAsync(HttpMethod.Post, "faults", """{"action":"addon-slow","addonName":"kube-proxy","seconds":30,"count":1}""");
        await _emu.EksAsync(HttpMethod.Post, "/clusters/demo/addons", new { addonName = "kube-proxy" });
        Assert.Equal("CREATING", await StatusAfterTransition("kube-proxy"));
    }

    [Fact]
    public async Task AFailedUpdateKeepsThePreviousConfigurationValues()
    {
        var first = """{"replicaCount":2}""";
        await _emu.EksAsync(HttpMethod.Post, "/clusters/demo/addons", new { addonName = "coredns", configurationValues = first });
        Assert.Equal("ACTIVE", await StatusWhenSettled("coredns"));
        string? Values(JsonNode addon) => addon["configurationValues"]?.GetValue<string>();

        await _emu.AdminAsync(HttpMethod.Post, "faults",
            """{"action":"addon-outcome","addonName":"coredns","outcome":"UPDATE_FAILED","healthIssues":[{"code":"ConfigurationConflict","message":"conflict"}],"count":1}""");
        var update = await _emu.EksAsync(HttpMethod.Post, "/clusters/demo/addons/coredns/update", new { configurationValues = """{"replicaCount":3}""" });
        Assert.Equal(HttpStatusCode.OK, update.Status);
        // While it runs (a client that times out here reads this), the add-on still reports what it runs with.
        Assert.Equal(first, Values((await _emu.EksAsync(HttpMethod.Get, "/clusters/demo/addons/coredns")).Json["addon"]!));
        Assert.Equal("UPDATE_FAILED", await StatusWhenSettled("coredns"));
        Assert.Equal(first, Values((await _emu.EksAsync(HttpMethod.Get, "/clusters/demo/addons/coredns")).Json["addon"]!));

        // A successful update applies the new values.
        var second = """{"replicaCount":4}""";
        await _emu.EksAsync(HttpMethod.Post, "/clusters/demo/addons/coredns/update", new { configurationValues = second });
        Assert.Equal("ACTIVE", await StatusWhenSettled("coredns"));
        Assert.Equal(second, Values((await _emu.EksAsync(HttpMethod.Get, "/clusters/demo/addons/coredns")).Json["addon"]!));
    }

    [Fact]
    public async Task NamespaceConfigIsReportedForTheDefaultNamespaceToo()
    {
        var created = await _emu.EksAsync(HttpMethod.Post, "/clusters/demo/addons", new { addonName = "coredns" });
        Assert.Equal("kube-system", created.Json["addon"]!["namespaceConfig"]!["namespace"]!.GetValue<string>());
        await _emu.EksAsync(HttpMethod.Post, "/clusters/demo/addons", new { addonName = "kube-proxy", namespaceConfig = new { @namespace = "networking" } });
        var custom = await _emu.EksAsync(HttpMethod.Get, "/clusters/demo/addons/kube-proxy");
        Assert.Equal("networking", custom.Json["addon"]!["namespaceConfig"]!["namespace"]!.GetValue<string>());
        ModelShapes.AssertConforms(custom.Json, "DescribeAddonResponse");
    }

    [Fact]
    public async Task CatalogOperations()
    {
        var versions = await _emu.EksAsync(HttpMethod.Get, "/addons/supported-versions?addonName=eks-pod-identity-agent&kubernetesVersion=1.31");
        ModelShapes.AssertConforms(versions.Json, "DescribeAddonVersionsResponse");
        var list = versions.Json["addons"]![0]!["addonVersions"]!.AsArray();
        Assert.Contains(list, v => v!["addonVersion"]!.GetValue<string>() == "v1.3.10-eksbuild.2"
            && v["compatibilities"]![0]!["defaultVersion"]!.GetValue<bool>());
        var all = await _emu.EksAsync(HttpMethod.Get, "/addons/supported-versions?maxResults=2");
        Assert.Equal(2, all.Json["addons"]!.AsArray().Count);
        Assert.NotNull(all.Json["nextToken"]);

        var config = await _emu.EksAsync(HttpMethod.Get, "/addons/configuration-schemas?addonName=vpc-cni&addonVersion=v1.20.4-eksbuild.2");
        ModelShapes.AssertConforms(config.Json, "DescribeAddonConfigurationResponse");
        Assert.Equal("aws-node", config.Json["podIdentityConfiguration"]![0]!["serviceAccount"]!.GetValue<string>());
        JsonNode.Parse(config.Json["configurationSchema"]!.GetValue<string>());
        Assert.Equal("InvalidParameterException",
            (await _emu.EksAsync(HttpMethod.Get, "/addons/configuration-schemas?addonName=vpc-cni&addonVersion=v0")).ErrorType);
    }
}
