using Xunit;

namespace PodIdentity.Aws.Clients.Tests;

public sealed class ResolverTests : IDisposable
{
    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("aws-resolver-");

    public void Dispose() => _home.Delete(recursive: true);

    private Dictionary<string, string> Env(params (string, string)[] vars)
    {
        var env = new Dictionary<string, string> { ["HOME"] = _home.FullName };
        foreach (var (k, v) in vars)
        {
            env[k] = v;
        }

        return env;
    }

    [Fact]
    public void Config_beats_environment_and_aws_region_beats_default_region()
    {
        var env = Env(("AWS_REGION", "eu-west-1"), ("AWS_DEFAULT_REGION", "eu-west-2"));
        Assert.Equal("ap-south-1", AwsConfigResolver.Resolve(new() { Region = "ap-south-1" }, env).Region);
        Assert.Equal("eu-west-1", AwsConfigResolver.Resolve(new(), env).Region);
        Assert.Equal("eu-west-2", AwsConfigResolver.Resolve(new(), Env(("AWS_DEFAULT_REGION", "eu-west-2"))).Region);
        Assert.Null(AwsConfigResolver.Resolve(new(), Env()).Region);
    }

    [Fact]
    public void Region_falls_back_to_the_selected_profile_in_the_shared_config()
    {
        Directory.CreateDirectory(Path.Combine(_home.FullName, ".aws"));
        File.WriteAllText(Path.Combine(_home.FullName, ".aws", "config"),
            "[default]\nregion = us-west-1\n\n[profile dev]\nregion = eu-north-1 # trailing comment\nretry_mode = adaptive\nmax_attempts = 4\n");
        Assert.Equal("us-west-1", AwsConfigResolver.Resolve(new(), Env()).Region);

        var dev = AwsConfigResolver.Resolve(new() { Profile = "dev" }, Env());
        Assert.Equal("eu-north-1", dev.Region);
        Assert.Equal("adaptive", dev.RetryMode);
        Assert.Equal(3, dev.MaxRetries);
        Assert.Equal("eu-north-1", AwsConfigResolver.Resolve(new(), Env(("AWS_PROFILE", "dev"))).Region);
        Assert.Equal("ca-central-1", AwsConfigResolver.Resolve(new(), Env(("AWS_PROFILE", "dev"), ("AWS_REGION", "ca-central-1"))).Region);
    }

    [Fact]
    public void Shared_file_locations_come_from_config_then_env_then_home()
    {
        var r = AwsConfigResolver.Resolve(new(), Env());
        Assert.Equal([Path.Combine(_home.FullName, ".aws/config")], r.SharedConfigFiles!);
        Assert.Equal([Path.Combine(_home.FullName, ".aws/credentials")], r.SharedCredentialsFiles!);

        var fromEnv = AwsConfigResolver.Resolve(new(), Env(("AWS_CONFIG_FILE", "/e/config"), ("AWS_SHARED_CREDENTIALS_FILE", "/e/creds")));
        Assert.Equal(["/e/config"], fromEnv.SharedConfigFiles!);
        Assert.Equal(["/e/creds"], fromEnv.SharedCredentialsFiles!);

        var explicitFiles = AwsConfigResolver.Resolve(new() { SharedConfigFiles = ["~/a", "/b"] }, Env(("AWS_CONFIG_FILE", "/e/config")));
        Assert.Equal([Path.Combine(_home.FullName, "a"), "/b"], explicitFiles.SharedConfigFiles!);
    }

    [Fact]
    public void Environment_keys_apply_only_when_the_block_sets_no_keys_and_no_profile()
    {
        var env = Env(("AWS_ACCESS_KEY_ID", "AKENV"), ("AWS_SECRET_ACCESS_KEY", "senv"), ("AWS_SESSION_TOKEN", "tenv"));
        var fromEnv = AwsConfigResolver.Resolve(new(), env);
        Assert.Equal(("AKENV", "senv", "tenv"), (fromEnv.AccessKey, fromEnv.SecretKey, fromEnv.Token));

        var block = AwsConfigResolver.Resolve(new() { AccessKey = "AKBLOCK", SecretKey = "sblock" }, env);
        Assert.Equal(("AKBLOCK", "sblock", null), (block.AccessKey, block.SecretKey, block.Token));

        var profile = AwsConfigResolver.Resolve(new() { Profile = "p" }, env);
        Assert.Null(profile.AccessKey);
        Assert.Equal("p", profile.Profile);

        // AWS_PROFILE alone does not hide environment keys (the SDK default chain puts them first).
        var envProfile = AwsConfigResolver.Resolve(new(), Env(("AWS_ACCESS_KEY_ID", "AKENV"), ("AWS_SECRET_ACCESS_KEY", "senv"), ("AWS_PROFILE", "p")));
        Assert.Equal("AKENV", envProfile.AccessKey);
    }

    [Fact]
    public void Retry_ca_proxy_and_metadata_settings_come_from_the_environment()
    {
        var env = Env(("AWS_MAX_ATTEMPTS", "5"), ("AWS_RETRY_MODE", "standard"), ("AWS_CA_BUNDLE", "/ca.pem"),
            ("HTTP_PROXY", "http://p:1"), ("https_proxy", "http://p:2"), ("NO_PROXY", "localhost"), ("AWS_EC2_METADATA_DISABLED", "true"));
        var r = AwsConfigResolver.Resolve(new(), env);
        Assert.Equal(4, r.MaxRetries);
        Assert.Equal("standard", r.RetryMode);
        Assert.Equal("/ca.pem", r.CustomCaBundle);
        Assert.Equal(("http://p:1", "http://p:2", "localhost"), (r.HttpProxy, r.HttpsProxy, r.NoProxy));
        Assert.True(r.SkipMetadataApiCheck);

        var explicitValues = AwsConfigResolver.Resolve(new() { MaxRetries = 1, RetryMode = "adaptive", SkipMetadataApiCheck = false }, env);
        Assert.Equal((1, "adaptive", false), (explicitValues.MaxRetries, explicitValues.RetryMode, explicitValues.SkipMetadataApiCheck));
    }

    [Fact]
    public void No_proxy_bypasses_by_host_suffix()
    {
        var proxy = ConfiguredProxy.Create("http://proxy:3128", "http://proxy:3129", "localhost, .internal.example,10.0.0.1")!;
        Assert.Equal(new Uri("http://proxy:3129"), proxy.GetProxy(new Uri("https://eks.us-east-1.amazonaws.com/")));
        Assert.Equal(new Uri("http://proxy:3128"), proxy.GetProxy(new Uri("http://eks.us-east-1.amazonaws.com/")));
        Assert.Null(proxy.GetProxy(new Uri("http://localhost:4566/")));
        Assert.Null(proxy.GetProxy(new Uri("https://api.internal.example/")));
        Assert.Null(proxy.GetProxy(new Uri("http://10.0.0.1/")));
        Assert.Null(proxy.GetProxy(new Uri("http://127.0.0.1:4566/")));
        Assert.Null(ConfiguredProxy.Create(null, "", null));
    }
}
