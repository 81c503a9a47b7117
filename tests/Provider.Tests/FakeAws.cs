using System.Net;
using System.Text;

namespace PodIdentity.Provider.Tests;

/// <summary>An in-process stand-in for AWS: answers STS by Action and records every request.</summary>
internal sealed class FakeAws : HttpMessageHandler
{
    public const string Account = "123456789012";

    private readonly Func<HttpRequestMessage, string, CancellationToken, Task<HttpResponseMessage>> _respond;

    public FakeAws(Func<HttpRequestMessage, string, CancellationToken, Task<HttpResponseMessage>>? respond = null) =>
        _respond = respond ?? ((_, _, _) => Task.FromResult(CallerIdentity(Account)));

    public List<(Uri Uri, string Body, string? Authorization)> Requests { get; } = [];

    public int Count(string action) => Requests.Count(r => r.Body.Contains("Action=" + action, StringComparison.Ordinal));

    public static FakeAws Error(HttpStatusCode status, string code, string message, string requestId) =>
        new((_, _, _) => Task.FromResult(Xml(status, $"""
            <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <Error><Type>Sender</Type><Code>{code}</Code><Message>{message}</Message></Error>
              <RequestId>{requestId}</RequestId>
            </ErrorResponse>
            """)));

    public static HttpResponseMessage CallerIdentity(string account) => Xml(HttpStatusCode.OK, $"""
        <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
          <GetCallerIdentityResult><Arn>arn:aws:iam::{account}:user/tester</Arn><UserId>AIDATEST</UserId><Account>{account}</Account></GetCallerIdentityResult>
          <ResponseMetadata><RequestId>11111111-2222-3333-4444-555555555555</RequestId></ResponseMetadata>
        </GetCallerIdentityResponse>
        """);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        lock (Requests)
        {
            Requests.Add((request.RequestUri!, body,
                request.Headers.TryGetValues("Authorization", out var auth) ? string.Join(",", auth) : null));
        }

        return await _respond(request, body, cancellationToken);
    }

    private static HttpResponseMessage Xml(HttpStatusCode status, string xml) =>
        new(status) { Content = new StringContent(xml, Encoding.UTF8, "text/xml") };
}
