namespace PodIdentity.Emulator.Auth;

/// <summary>The parts of an HTTP request that SigV4 covers, as they came off the wire.</summary>
/// <param name="RawPath">The request path exactly as sent (still percent-encoded).</param>
/// <param name="RawQuery">The query string without '?', exactly as sent.</param>
/// <param name="Headers">Lower-case header names; repeated headers joined with ','.</param>
internal sealed record SignedRequest(
    string Method,
    string RawPath,
    string RawQuery,
    IReadOnlyDictionary<string, string> Headers,
    ReadOnlyMemory<byte> Body);
