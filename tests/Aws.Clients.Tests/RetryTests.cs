using System.Diagnostics;
using System.Net;
using Xunit;

namespace PodIdentity.Aws.Clients.Tests;

public sealed class RetryTests
{
    private const string Cluster = """{"cluster":{"name":"c"}}""";

    private static AwsProviderConfig Config(int? maxRetries = null, string? mode = null) =>
        new() { Region = "us-east-1", AccessKey = "AKID", SecretKey = "s", MaxRetries = maxRetries, RetryMode = mode };

    [Fact]
    public async Task Throttling_is_retried_until_success_and_every_attempt_is_reported()
    {
        var handler = new FakeHttpHandler()
            .Json("""{"__type":"ThrottlingException"}""", HttpStatusCode.BadRequest, ("x-amzn-RequestId", "r1"))
            .Json("""{"message":"slow down"}""", HttpStatusCode.TooManyRequests, ("x-amzn-ErrorType", "TooManyRequestsException"))
            .Json(Cluster, HttpStatusCode.OK, ("x-amzn-RequestId", "r3"));
        using var rig = new TestRig(handler);
        var cluster = await rig.Clients.Eks.DescribeClusterAsync("c", default);

        Assert.Equal("c", cluster.Name);
        Assert.Equal(3, handler.Requests.Count);
        Assert.Equal(2, rig.Delays.Count);
        Assert.Equal(["attempt=1; max=26", "attempt=2; max=26", "attempt=3; max=26"], handler.Requests.Select(r => r.Header("amz-sdk-request")));
        Assert.Single(handler.Requests.Select(r => r.Header("amz-sdk-invocation-id")).Distinct());

        Assert.Equal([1, 2, 3], rig.Calls.Select(c => c.Attempt));
        Assert.Equal(["ThrottlingException", "TooManyRequestsException", null], rig.Calls.Select(c => c.ErrorCode));
        Assert.Equal([400, 429, 200], rig.Calls.Select(c => c.HttpStatus));
        Assert.Equal([true, true, false], rig.Calls.Select(c => c.WillRetry));
        Assert.Equal(["r1", null, "r3"], rig.Calls.Select(c => c.RequestId));
        Assert.All(rig.Calls, c => Assert.Equal(("EKS", "DescribeCluster"), (c.Service, c.Operation)));
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    public async Task Server_errors_are_retried(HttpStatusCode status)
    {
        using var rig = new TestRig(new FakeHttpHandler().Json("{}", status).Json(Cluster));
        await rig.Clients.Eks.DescribeClusterAsync("c", default);
        Assert.Equal(2, rig.Handler.Requests.Count);
    }

    [Fact]
    public async Task Client_errors_are_not_retried()
    {
        using var rig = new TestRig(new FakeHttpHandler().Json("""{"__type":"InvalidParameterException"}""", HttpStatusCode.BadRequest).Json(Cluster));
        await Assert.ThrowsAsync<AwsApiException>(() => rig.Clients.Eks.DescribeClusterAsync("c", default));
        Assert.Single(rig.Handler.Requests);
        Assert.Empty(rig.Delays);
    }

    [Fact]
    public async Task Retry_after_is_honoured()
    {
        using var rig = new TestRig(new FakeHttpHandler().Json("{}", HttpStatusCode.TooManyRequests, ("Retry-After", "7")).Json(Cluster));
        await rig.Clients.Eks.DescribeClusterAsync("c", default);
        Assert.Equal([TimeSpan.FromSeconds(7)], rig.Delays);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(2, 3)]
    [InlineData(null, 26)]
    public async Task Max_retries_bounds_the_attempts(int? maxRetries, int attempts)
    {
        using var rig = new TestRig(new FakeHttpHandler().Json("""{"message":"boom"}""", HttpStatusCode.InternalServerError), Config(maxRetries));
        var e = await Assert.ThrowsAsync<AwsApiException>(() => rig.Clients.Eks.DescribeClusterAsync("c", default));
        Assert.Equal(500, e.HttpStatus);
        Assert.Equal("boom", e.ErrorMessage);
        Assert.Equal(attempts, rig.Handler.Requests.Count);
        Assert.Equal(attempts - 1, rig.Delays.Count);
    }

    [Fact]
    public async Task Connection_failures_and_timeouts_are_retried()
    {
        var handler = new FakeHttpHandler()
            .Throw(new HttpRequestException("connection refused"))
            .Throw(new TaskCanceledException("timed out", new TimeoutException()))
            .Json(Cluster);
        using var rig = new TestRig(handler);
        await rig.Clients.Eks.DescribeClusterAsync("c", default);
        Assert.Equal(3, handler.Requests.Count);
        Assert.Equal(["ConnectionError", "Timeout", null], rig.Calls.Select(c => c.ErrorCode));
        Assert.Equal([null, null, 200], rig.Calls.Select(c => c.HttpStatus));
    }

    [Fact]
    public async Task Connection_failures_surface_after_the_last_retry()
    {
        using var rig = new TestRig(new FakeHttpHandler().Throw(new HttpRequestException("connection refused")), Config(1));
        var e = await Assert.ThrowsAsync<HttpRequestException>(() => rig.Clients.Eks.DescribeClusterAsync("c", default));
        Assert.Contains("after 2 attempt(s)", e.Message);
    }

    [Fact]
    public async Task Cancellation_during_a_backoff_sleep_returns_promptly()
    {
        var handler = new FakeHttpHandler().Json("{}", HttpStatusCode.ServiceUnavailable, ("Retry-After", "60"));
        using var clients = AwsClients.Create(Config(), new AwsClientOptions { Handler = handler, Environment = new Dictionary<string, string>() });
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var watch = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => clients.Eks.DescribeClusterAsync("c", cts.Token));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task A_cancelled_token_is_not_mistaken_for_a_timeout()
    {
        using var cts = new CancellationTokenSource();
        var handler = new FakeHttpHandler().Respond(_ =>
        {
            cts.Cancel();
            throw new TaskCanceledException();
        });
        using var rig = new TestRig(handler);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => rig.Clients.Eks.DescribeClusterAsync("c", cts.Token));
        Assert.Single(handler.Requests);
    }

    [Fact]
    public void Backoff_is_jittered_exponential_and_capped()
    {
        var top = new RetryPolicy(25, false, () => 1.0);
        Assert.Equal(TimeSpan.FromSeconds(2), top.Backoff(1));
        Assert.Equal(TimeSpan.FromSeconds(8), top.Backoff(3));
        Assert.Equal(TimeSpan.FromSeconds(20), top.Backoff(10));
        var half = new RetryPolicy(25, false, () => 0.5);
        Assert.Equal(TimeSpan.FromSeconds(2), half.Backoff(2));
    }

    [Fact]
    public async Task Adaptive_mode_slows_the_next_call_after_a_throttle()
    {
        var time = new StepClock(DateTimeOffset.UnixEpoch.AddDays(20000));
        var handler = new FakeHttpHandler().Json("""{"__type":"ThrottlingException"}""", HttpStatusCode.BadRequest, ("Retry-After", "3")).Json(Cluster);
        using var rig = new TestRig(handler, Config(0, "adaptive"), time: time);
        await Assert.ThrowsAsync<AwsApiException>(() => rig.Clients.Eks.DescribeClusterAsync("c", default));
        Assert.Empty(rig.Delays);
        await rig.Clients.Eks.DescribeClusterAsync("c", default);
        Assert.Equal([TimeSpan.FromSeconds(3)], rig.Delays);

        using var standard = new TestRig(new FakeHttpHandler().Json("""{"__type":"ThrottlingException"}""", HttpStatusCode.BadRequest, ("Retry-After", "3")).Json(Cluster),
            Config(0, "standard"), time: time);
        await Assert.ThrowsAsync<AwsApiException>(() => standard.Clients.Eks.DescribeClusterAsync("c", default));
        await standard.Clients.Eks.DescribeClusterAsync("c", default);
        Assert.Empty(standard.Delays);
    }
}
