using System.Net;
using PodIdentity.TestSupport;

namespace PodIdentity.Provider.Tests;

/// <summary>An in-process stand-in for AWS: answers STS (GetCallerIdentity by default) and records every request.</summary>
internal sealed class FakeAws : FakeHttpHandler
{
    public const string Account = "123456789012";

    /// <param name="respond">Answers every request (given the request and its body); GetCallerIdentity of <see cref="Account"/> when null.</param>
    public FakeAws(Func<RecordedRequest, string, CancellationToken, Task<HttpResponseMessage>>? respond = null)
    {
        if (respond is null)
        {
            Respond(_ => CallerIdentity(Account));
        }
        else
        {
            Respond((request, token) => respond(request, request.Body, token));
        }
    }

    public static FakeAws Error(HttpStatusCode status, string code, string message, string requestId) =>
        new((_, _, _) => Task.FromResult(AwsQueryError(status, code, message, requestId, "https://sts.amazonaws.com/doc/2011-06-15/")));

    public static HttpResponseMessage CallerIdentity(string account) => XmlResponse(HttpStatusCode.OK, $"""
        <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
          <GetCallerIdentityResult><Arn>arn:aws:iam::{account}:user/tester</Arn><UserId>AIDATEST</UserId><Account>{account}</Account></GetCallerIdentityResult>
          <ResponseMetadata><RequestId>11111111-2222-3333-4444-555555555555</RequestId></ResponseMetadata>
        </GetCallerIdentityResponse>
        """);
}
