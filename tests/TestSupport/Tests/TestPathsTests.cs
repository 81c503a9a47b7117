namespace PodIdentity.TestSupport.Tests;

public sealed class TestPathsTests
{
    [Fact]
    public void Finds_the_repository_and_the_default_build_output()
    {
        Assert.True(File.Exists(Path.Combine(TestPaths.RepoRoot, "Provider.sln")));
        if (Environment.GetEnvironmentVariable("AWS_EMULATOR_BIN") is not { Length: > 0 })
        {
            Assert.Equal(Path.Combine(TestPaths.RepoRoot, "out", "emulator", "aws-emulator"), TestPaths.EmulatorBinary);
        }
    }
}
