using Xunit;

namespace PodIdentity.Aws.Clients.Tests;

public sealed class SharedConfigTests
{
    [Fact]
    public void Ini_parsing_handles_comments_nesting_and_spacing()
    {
        var ini = IniFile.Parse("""
            # comment
            [profile   dev]
            region = eu-west-1 ; inline comment
            aws_secret_access_key = abc#def
            s3 =
              max_concurrent_requests = 10
            ; another
            [default]
            region=us-east-2
            """);
        Assert.Equal("eu-west-1", ini.Get("profile dev", "region"));
        Assert.Equal("abc#def", ini.Get("profile dev", "aws_secret_access_key"));
        Assert.Contains("max_concurrent_requests = 10", ini.Get("profile dev", "s3"));
        Assert.Equal("us-east-2", ini.Get("default", "region"));
    }

    [Fact]
    public void Credentials_file_wins_over_config_file_for_a_profile()
    {
        var dir = Directory.CreateTempSubdirectory("aws-shared-");
        try
        {
            var config = Path.Combine(dir.FullName, "config");
            var creds = Path.Combine(dir.FullName, "credentials");
            File.WriteAllText(config, "[profile p]\naws_access_key_id = FROMCONFIG\nregion = eu-west-1\n[sso-session s]\nsso_region = us-east-1\n");
            File.WriteAllText(creds, "[p]\naws_access_key_id = FROMCREDS\n");
            var shared = SharedConfigFiles.Load([config], [creds]);
            Assert.Equal("FROMCREDS", shared.Get("p", "aws_access_key_id"));
            Assert.Equal("eu-west-1", shared.Get("p", "region"));
            Assert.True(shared.HasProfile("p"));
            Assert.False(shared.HasProfile("q"));

            Assert.Equal("us-east-1", shared.Config.Get("sso-session s", "sso_region"));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
