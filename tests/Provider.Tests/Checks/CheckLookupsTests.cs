using System.Diagnostics;
using System.Net;
using PodIdentity.Provider.Checks;

namespace PodIdentity.Provider.Tests.Checks;

public class CheckLookupsTests
{
    private static RoleArn Arn(string role) => RoleArn.Parse(FakeAwsForChecks.Arn(role))!;

    [Fact]
    public async Task Many_concurrent_callers_share_one_GetRole_per_role_and_one_DescribeCluster_per_cluster()
    {
        var aws = new FakeAwsForChecks();
        foreach (var r in new[] { "a", "b", "c" })
        {
            aws.Roles[r] = FakeAwsForChecks.Universal;
        }

        var (clients, lookups) = aws.Build();
        using (clients)
        using (lookups)
        {
            aws.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var roles = Enumerable.Range(0, 100).Select(i => lookups.RoleAsync(Arn(new[] { "a", "b", "c" }[i % 3]), CancellationToken.None)).ToList();
            var clusters = Enumerable.Range(0, 100).Select(_ => lookups.ClusterAsync("us-west-2", "lab", CancellationToken.None)).ToList();
            aws.Gate.SetResult();

            Assert.All(await Task.WhenAll(roles), r => Assert.Equal(LookupStatus.Found, r.Status));
            Assert.All(await Task.WhenAll(clusters), c => Assert.Equal(("1.33", "eks.5"), (c.Version, c.PlatformVersion)));
            Assert.Equal(3, aws.Calls("GetRole"));
            Assert.Equal(1, aws.Calls("DescribeCluster"));
        }
    }

    [Fact]
    public async Task One_callers_cancellation_does_not_cancel_the_shared_read()
    {
        var aws = new FakeAwsForChecks();
        aws.Roles["a"] = FakeAwsForChecks.Universal;
        var (clients, lookups) = aws.Build();
        using (clients)
        using (lookups)
        {
            aws.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var impatient = new CancellationTokenSource();
            var first = lookups.RoleAsync(Arn("a"), impatient.Token);
            var second = lookups.RoleAsync(Arn("a"), CancellationToken.None);
            impatient.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);

            aws.Gate.SetResult();
            Assert.Equal(LookupStatus.Found, (await second).Status);
            Assert.Equal(1, aws.Calls("GetRole"));
        }
    }

    [Theory]
    [InlineData("AccessDenied", HttpStatusCode.Forbidden)]
    [InlineData("Throttling", HttpStatusCode.BadRequest)]
    [InlineData("ServiceUnavailable", HttpStatusCode.ServiceUnavailable)]
    public async Task A_read_that_fails_is_unavailable_and_not_retried_in_the_same_process(string code, HttpStatusCode status)
    {
        var aws = new FakeAwsForChecks();
        aws.Roles["a"] = FakeAwsForChecks.Universal;
        aws.Faults["GetRole"] = (code, status);
        aws.Faults["DescribeCluster"] = (code, status);
        var (clients, lookups) = aws.Build(maxRetries: 25);
        using (clients)
        using (lookups)
        {
            Assert.Equal(LookupStatus.Unavailable, (await lookups.RoleAsync(Arn("a"), CancellationToken.None)).Status);
            var attempts = aws.Calls("GetRole");
            Assert.Equal(LookupStatus.Unavailable, (await lookups.RoleAsync(Arn("a"), CancellationToken.None)).Status);
            Assert.Equal(attempts, aws.Calls("GetRole"));
            Assert.Equal(LookupStatus.Unavailable, (await lookups.ClusterAsync("us-west-2", "lab", CancellationToken.None)).Status);
        }
    }

    [Fact]
    public async Task A_read_that_hangs_gives_up_after_the_checks_own_budget()
    {
        var aws = new FakeAwsForChecks();
        aws.Roles["a"] = FakeAwsForChecks.Universal;
        var (clients, lookups) = aws.Build(budget: TimeSpan.FromMilliseconds(300), maxRetries: 25);
        using (clients)
        using (lookups)
        {
            aws.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var clock = Stopwatch.StartNew();
            Assert.Equal(LookupStatus.Unavailable, (await lookups.RoleAsync(Arn("a"), CancellationToken.None)).Status);
            Assert.Null(await lookups.ExistingAsync("us-west-2", "lab", "payments", "api", CancellationToken.None));
            Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(5));
        }
    }

    [Fact]
    public async Task Missing_roles_and_clusters_are_told_apart_from_unreadable_ones()
    {
        var aws = new FakeAwsForChecks();
        var (clients, lookups) = aws.Build();
        using (clients)
        using (lookups)
        {
            Assert.Equal(LookupStatus.Missing, (await lookups.RoleAsync(Arn("nope"), CancellationToken.None)).Status);
            Assert.Equal(LookupStatus.Missing, (await lookups.ClusterAsync("us-west-2", "gone", CancellationToken.None)).Status);

            // A role in another account is never read: GetRole would look in ours.
            var elsewhere = RoleArn.Parse("arn:aws:iam::999999999999:role/target")!;
            Assert.Equal(LookupStatus.Unavailable, (await lookups.RoleAsync(elsewhere, CancellationToken.None)).Status);
            Assert.Equal(1, aws.Calls("GetRole"));
        }

        // Without the caller's account, "no such role here" proves nothing about the ARN's account.
        var (clients2, unknownAccount) = aws.Build(account: null);
        using (clients2)
        using (unknownAccount)
        {
            Assert.Equal(LookupStatus.Unavailable, (await unknownAccount.RoleAsync(Arn("nope"), CancellationToken.None)).Status);
            aws.Roles["mine"] = FakeAwsForChecks.Universal;
            var sameNameElsewhere = RoleArn.Parse("arn:aws:iam::999999999999:role/mine")!;
            Assert.Equal(LookupStatus.Unavailable, (await unknownAccount.RoleAsync(sameNameElsewhere, CancellationToken.None)).Status);
        }
    }

    [Fact]
    public async Task The_trust_document_is_url_decoded()
    {
        var aws = new FakeAwsForChecks();
        aws.Roles["a"] = """{"Statement":[{"Effect":"Allow","Principal":{"Service":"pods.eks.amazonaws.com"},"Action":"sts:AssumeRole","Condition":{"StringLike":{"aws:SourceArn":"arn:aws:eks:*:123456789012:cluster/a b%"}}}]}""";
        var (clients, lookups) = aws.Build();
        using (clients)
        using (lookups)
        {
            var trust = (await lookups.RoleAsync(Arn("a"), CancellationToken.None)).Trust!;
            Assert.Equal("arn:aws:eks:*:123456789012:cluster/a b%", Assert.Single(Assert.Single(trust.Statements).Conditions).Values[0]);
        }
    }

    [Fact]
    public async Task Existing_associations_are_listed_for_the_service_account_only()
    {
        var aws = new FakeAwsForChecks();
        aws.Associations[("lab", "payments", "api")] = ("a-1", null);
        aws.Associations[("lab", "payments", "other")] = ("a-2", null);
        var (clients, lookups) = aws.Build();
        using (clients)
        using (lookups)
        {
            Assert.Equal("a-1", Assert.Single((await lookups.ExistingAsync("us-west-2", "lab", "payments", "api", CancellationToken.None))!).AssociationId);
            Assert.Empty((await lookups.ExistingAsync("us-west-2", "lab", "payments", "new", CancellationToken.None))!);
            Assert.Equal(2, aws.Calls("ListPodIdentityAssociations"));
        }
    }
}
