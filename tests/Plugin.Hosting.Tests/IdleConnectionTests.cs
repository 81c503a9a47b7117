using Google.Protobuf.WellKnownTypes;

namespace PodIdentity.Plugin.Hosting.Tests;

/// <summary>Terraform opens one connection per provider process and uses it for the whole session; between two
/// calls it may sit idle for as long as a plan takes elsewhere or a user reads a prompt.</summary>
public sealed class IdleConnectionTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AnIdleConnectionIsNotClosedBetweenCalls(bool tls)
    {
        using var clientCertificate = tls ? TestCertificates.CreateClient() : null;
        await using var plugin = await PluginProcess.StartAsync(PluginProcess.TerraformEnv(clientCertificate));
        using var client = new GrpcTestClient(Handshake.Parse(plugin.FirstLine), clientCertificate);
        Assert.Equal(0, (await client.CallAsync("/test.Test/Echo", new StringValue { Value = "first" })).Status);

        // Kestrel checks its connection timeouts once a second; a keep-alive limit it got wrong fires within two.
        await Task.Delay(TimeSpan.FromSeconds(2.5));

        Assert.Equal(0, (await client.CallAsync("/test.Test/Echo", new StringValue { Value = "second" })).Status);
        Assert.Equal(1, client.Connections);
    }
}
