using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace PodIdentity.TestSupport.Tests;

public sealed class FakeHttpHandlerTests
{
    private static async Task<HttpResponseMessage> Send(FakeHttpHandler handler, HttpMethod method, string url, string? body = null,
        string contentType = "application/x-www-form-urlencoded", params (string Name, string Value)[] headers)
    {
        using var client = new HttpClient(handler, disposeHandler: false);
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, contentType);
        }

        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await client.SendAsync(request);
    }

    [Fact]
    public async Task Names_operations_by_target_header_then_action_then_method_and_path()
    {
        var handler = new FakeHttpHandler().Json("{}");

        await Send(handler, HttpMethod.Post, "https://ssm.test/", "{}", "application/x-amz-json-1.1", ("X-Amz-Target", "AmazonSSM.GetParameter"));
        await Send(handler, HttpMethod.Post, "https://sts.test/", "Action=GetCallerIdentity&Version=2011-06-15");
        await Send(handler, HttpMethod.Get, "https://iam.test/?Action=GetRole&RoleName=r");
        await Send(handler, HttpMethod.Get, "https://eks.test/clusters/my%20lab");

        Assert.Equal(["GetParameter", "GetCallerIdentity", "GetRole", "GET /clusters/my lab"], handler.Requests.Select(r => r.Operation));
    }

    [Fact]
    public async Task Routes_match_segments_and_greedy_tails_and_fall_back()
    {
        var classify = FakeHttpHandler.Routes([
            ("GET", "/clusters/{name}/addons", "ListAddons"),
            ("GET", "/clusters/{name}", "DescribeCluster"),
            ("POST", "/tags/{arn+}", "TagResource"),
        ]);
        var handler = new FakeHttpHandler(classify).Json("{}");

        await Send(handler, HttpMethod.Get, "https://eks.test/clusters/lab/addons?maxResults=2");
        await Send(handler, HttpMethod.Get, "https://eks.test/clusters/lab");
        await Send(handler, HttpMethod.Post, "https://eks.test/tags/arn%3Aaws%3Aeks%3Aus-west-2%3A1%3Acluster%2Flab", "{}", "application/json");
        await Send(handler, HttpMethod.Delete, "https://eks.test/clusters/lab");
        await Send(handler, HttpMethod.Get, "https://eks.test/clusters/lab/addons/x");

        Assert.Equal(["ListAddons", "DescribeCluster", "TagResource", "DELETE /clusters/lab", "GET /clusters/lab/addons/x"],
            handler.Requests.Select(r => r.Operation));
    }

    [Fact]
    public async Task Operation_answers_come_in_turn_and_the_last_repeats()
    {
        var handler = new FakeHttpHandler()
            .Error("GetRole", HttpStatusCode.ServiceUnavailable, "Throttling", "slow down")
            .Ok("GetRole", new JsonObject { ["n"] = 1 });

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await Send(handler, HttpMethod.Post, "https://iam.test/", "Action=GetRole")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK, HttpStatusCode.OK], statuses);
        Assert.Equal(3, handler.Count("GetRole"));
        var first = await Send(new FakeHttpHandler().Error("X", HttpStatusCode.BadRequest, "Bad", "m"), HttpMethod.Post, "https://a.test/", "Action=X");
        Assert.Equal("req-Bad", first.Headers.GetValues("x-amzn-RequestId").Single());
        Assert.Equal("Bad", JsonNode.Parse(await first.Content.ReadAsStringAsync())!["__type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Operation_rules_win_over_predicates_which_win_over_any_request_answers()
    {
        var handler = new FakeHttpHandler()
            .Json("""{"from":"any"}""")
            .When(r => r.Uri.Host == "eks.test", _ => FakeHttpHandler.JsonResponse(HttpStatusCode.Accepted, """{"from":"predicate"}"""))
            .On("Special", _ => FakeHttpHandler.JsonResponse(HttpStatusCode.Created, """{"from":"operation"}"""));

        Assert.Equal(HttpStatusCode.Created, (await Send(handler, HttpMethod.Post, "https://eks.test/", "Action=Special")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await Send(handler, HttpMethod.Get, "https://eks.test/clusters")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Send(handler, HttpMethod.Get, "https://sts.test/")).StatusCode);
    }

    [Fact]
    public async Task Records_method_url_headers_and_body_and_fails_a_request_nothing_answers()
    {
        var handler = new FakeHttpHandler();

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Send(handler, HttpMethod.Post, "https://sts.test/?x=1", "Action=AssumeRole&RoleSessionName=a+b%2Bc", headers: ("Authorization", "AWS4-HMAC-SHA256 k")));

        Assert.Contains("AssumeRole", e.Message);
        var r = handler.Last;
        Assert.Equal(HttpMethod.Post, r.Method);
        Assert.Equal("https://sts.test/?x=1", r.Uri.ToString());
        Assert.Equal("AWS4-HMAC-SHA256 k", r.Header("Authorization"));
        Assert.StartsWith("application/x-www-form-urlencoded", r.Header("content-type"));
        Assert.Equal("", r.Header("x-missing"));
        Assert.Equal("a b+c", r.FormValue("RoleSessionName"));
        Assert.Equal(["1"], r.QueryValues()["x"]);
        Assert.Equal("?x=1", r.Query);
    }

    [Fact]
    public async Task Async_answers_see_the_cancellation_token()
    {
        var gate = new TaskCompletionSource();
        var handler = new FakeHttpHandler().Respond(async (_, ct) =>
        {
            await gate.Task.WaitAsync(ct);
            return FakeHttpHandler.JsonResponse(HttpStatusCode.OK, "{}");
        });
        using var client = new HttpClient(handler);
        using var cts = new CancellationTokenSource();

        var pending = client.GetAsync("https://a.test/", cts.Token);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
    }

    [Fact]
    public async Task Query_errors_carry_code_and_escaped_message()
    {
        var response = FakeHttpHandler.AwsQueryError(HttpStatusCode.Forbidden, "AccessDenied", "a < b", "req-1");

        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("<Code>AccessDenied</Code>", text);
        Assert.Contains("<Message>a &lt; b</Message>", text);
        Assert.Contains("<RequestId>req-1</RequestId>", text);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
