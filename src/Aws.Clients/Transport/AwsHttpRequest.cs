namespace PodIdentity.Aws.Clients;

/// <summary>What a typed client wants sent: a path and query relative to the service endpoint, and a body.</summary>
internal sealed record AwsHttpRequest(HttpMethod Method, string PathAndQuery, byte[] Body, string? ContentType);

internal sealed record AwsHttpResponse(int Status, byte[] Body, string? RequestId);

/// <summary>How error responses of one protocol are read.</summary>
internal enum AwsProtocol
{
    RestJson,
    Query,
}
