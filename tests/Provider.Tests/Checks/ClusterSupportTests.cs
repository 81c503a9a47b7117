using PodIdentity.Provider.Checks;

namespace PodIdentity.Provider.Tests.Checks;

public class ClusterSupportTests
{
    [Theory]
    [InlineData("1.23", "eks.20")]
    [InlineData("1.24", "eks.12")]
    [InlineData("1.28", "eks.3")]
    public void Clusters_below_the_documented_versions_have_a_problem(string version, string platform) =>
        Assert.NotNull(ClusterSupport.Problem(version, platform));

    [Theory]
    [InlineData("1.24", "eks.13")]
    [InlineData("1.28", "eks.4")]
    [InlineData("1.29", "eks.1")]
    [InlineData("1.33", "eks.1")]
    [InlineData("1.28", null)]
    [InlineData(null, null)]
    [InlineData("latest", "eks.1")]
    public void Supported_or_unreadable_versions_have_none(string? version, string? platform) =>
        Assert.Null(ClusterSupport.Problem(version, platform));

    [Fact]
    public void The_problem_names_the_minimum() =>
        Assert.Equal(
            "runs Kubernetes 1.23; EKS Pod Identity needs Kubernetes 1.24 or later. Upgrade the cluster before relying on this association "
            + "(until then pods get no credentials from it), or use IAM roles for service accounts.",
            ClusterSupport.Problem("1.23", "eks.1"));
}
