using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;

namespace PodIdentity.Emulator.Tests;

/// <summary>The official AWS SDK for .NET (STS client, AWSSDK.Core signer) cannot tell the emulator from AWS.</summary>
public sealed class DotNetSdkTests : IAsyncLifetime
{
    private TestEmulator _emu = null!;

    public async Task InitializeAsync() => _emu = await TestEmulator.StartAsync();

    public async Task DisposeAsync() => await _emu.DisposeAsync();

    private AmazonSecurityTokenServiceClient Client(AWSCredentials credentials) =>
        new(credentials, new AmazonSecurityTokenServiceConfig
        {
            ServiceURL = _emu.BaseUrl,
            AuthenticationRegion = "us-east-1",
            MaxErrorRetry = 0,
        });

    [Fact]
    public async Task AssumeRoleThenCallAsTheAssumedRole()
    {
        using var sts = Client(new BasicAWSCredentials("test", "test"));
        var me = await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest());
        Assert.Equal("123456789012", me.Account);

        var assumed = await sts.AssumeRoleAsync(new AssumeRoleRequest
        {
            RoleArn = "arn:aws:iam::123456789012:role/svc/target-role",
            RoleSessionName = "dotnet",
            DurationSeconds = 900,
        });
        Assert.StartsWith("ASIA", assumed.Credentials.AccessKeyId);
        Assert.True(assumed.Credentials.Expiration > DateTime.UtcNow.AddMinutes(14));

        using var asRole = Client(new SessionAWSCredentials(assumed.Credentials.AccessKeyId,
            assumed.Credentials.SecretAccessKey, assumed.Credentials.SessionToken));
        var who = await asRole.GetCallerIdentityAsync(new GetCallerIdentityRequest());
        Assert.Equal("arn:aws:sts::123456789012:assumed-role/target-role/dotnet", who.Arn);
    }

    [Fact]
    public async Task WrongSecretSurfacesAsSignatureDoesNotMatch()
    {
        using var sts = Client(new BasicAWSCredentials("test", "wrong"));
        var e = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() =>
            sts.GetCallerIdentityAsync(new GetCallerIdentityRequest()));
        Assert.Equal("SignatureDoesNotMatch", e.ErrorCode);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, e.StatusCode);
    }

    [Fact]
    public async Task MissingRoleSurfacesAsAccessDenied()
    {
        using var sts = Client(new BasicAWSCredentials("test", "test"));
        var e = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() => sts.AssumeRoleAsync(new AssumeRoleRequest
        {
            RoleArn = "arn:aws:iam::123456789012:role/none", RoleSessionName = "dotnet",
        }));
        Assert.Equal("AccessDenied", e.ErrorCode);
    }
}
