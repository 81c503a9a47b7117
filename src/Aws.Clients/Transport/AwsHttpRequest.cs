namespace PodIdentity.Aws.Clients;

/// <summary>
/// What a typed client wants sent: a path and query relative to the service endpoint, a body, and headers of its
/// own (the SSO portal's bearer token).
/// </summary>
internal sealed record AwsHttpRequest(HttpMethod Method, string PathAndQuery, byte[] Body, string? ContentType,
    IReadOnlyList<KeyValuePair<string, string>>? Headers = null);

internal sealed record AwsHttpResponse(int Status, byte[] Body, string? RequestId);

/// <summary>How error responses of one protocol are read.</summary>
internal enum AwsProtocol
{
    RestJson,
    Query,
}
