using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PodIdentity.Emulator.Auth;

/// <summary>What a verified signature proves: who signed, for which region and service.</summary>
internal sealed record VerifiedSignature(string AccessKeyId, string Region, string Service, DateTimeOffset SignedAt);

/// <summary>A secret the verifier may check against, and the session token that must accompany it.</summary>
internal sealed record SigningSecret(string SecretAccessKey, string? SessionToken, DateTimeOffset? Expiration);

/// <summary>Checks a SigV4 Authorization header against the secret of its access key.</summary>
internal static class SigV4Verifier
{
    private static readonly TimeSpan MaxSkew = TimeSpan.FromMinutes(15);

    /// <summary>The credential scope's service, read without verifying anything (used for routing).</summary>
    public static ParsedAuthorization? Parse(string? authorization)
    {
        if (string.IsNullOrEmpty(authorization) || !authorization.StartsWith(SigV4Canonical.Algorithm + " ", StringComparison.Ordinal))
        {
            return null;
        }
        string? credential = null, signedHeaders = null, signature = null;
        foreach (var raw in authorization[(SigV4Canonical.Algorithm.Length + 1)..].Split(','))
        {
            var part = raw.Trim();
            var eq = part.IndexOf('=');
            if (eq <= 0)
            {
                continue;
            }
            var value = part[(eq + 1)..];
            switch (part[..eq])
            {
                case "Credential": credential = value; break;
                case "SignedHeaders": signedHeaders = value; break;
                case "Signature": signature = value; break;
            }
        }
        var scope = credential?.Split('/');
        if (scope is not { Length: 5 } || scope[4] != "aws4_request" || signedHeaders is null || signature is null)
        {
            return new ParsedAuthorization(null, null, null, null, [], null);
        }
        return new ParsedAuthorization(scope[0], scope[1], scope[2], scope[3], signedHeaders.Split(';'), signature);
    }

    public static VerifiedSignature Verify(SignedRequest request, Func<string, SigningSecret?> secrets, DateTimeOffset now)
    {
        request.Headers.TryGetValue("authorization", out var header);
        var auth = Parse(header) ?? throw new AuthFailure(AuthFailureKind.MissingToken, "Missing Authentication Token");
        if (auth.AccessKeyId is null || auth.Signature is null || auth.Date is null || auth.Region is null || auth.Service is null)
        {
            throw new AuthFailure(AuthFailureKind.IncompleteSignature,
                "Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters.");
        }
        var secret = secrets(auth.AccessKeyId)
            ?? throw new AuthFailure(AuthFailureKind.UnknownAccessKey, "The security token included in the request is invalid.");
        CheckSessionToken(request, secret, now);

        var amzDate = request.Headers.GetValueOrDefault("x-amz-date");
        if (amzDate is null || !DateTimeOffset.TryParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var signedAt))
        {
            throw new AuthFailure(AuthFailureKind.IncompleteSignature, "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
        }
        if (!amzDate.StartsWith(auth.Date, StringComparison.Ordinal))
        {
            throw new AuthFailure(AuthFailureKind.SignatureMismatch,
                $"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '{auth.Date}' != '{amzDate[..8]}', from '{amzDate}'.");
        }
        if (!auth.SignedHeaders.Contains("host"))
        {
            throw new AuthFailure(AuthFailureKind.SignatureMismatch, "'Host' must be a 'SignedHeader' in the AWS Authorization.");
        }

        var payloadHash = PayloadHash(request);
        var canonical = SigV4Canonical.CanonicalRequest(request, auth.SignedHeaders, payloadHash);
        var scope = $"{auth.Date}/{auth.Region}/{auth.Service}/aws4_request";
        var expected = SigV4Canonical.Signature(secret.SecretAccessKey, auth.Date, auth.Region, auth.Service,
            SigV4Canonical.StringToSign(amzDate, scope, canonical));
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(auth.Signature)))
        {
            throw new AuthFailure(AuthFailureKind.SignatureMismatch,
                "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");
        }
        // Only a correctly signed request learns that its clock is off, as with AWS.
        if (signedAt < now - MaxSkew || signedAt > now + MaxSkew)
        {
            var stamp = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
            var message = signedAt < now
                ? $"Signature expired: {amzDate} is now earlier than {(now - MaxSkew).UtcDateTime:yyyyMMdd'T'HHmmss'Z'} ({stamp} - 15 min.)"
                : $"Signature not yet current: {amzDate} is still later than {(now + MaxSkew).UtcDateTime:yyyyMMdd'T'HHmmss'Z'} ({stamp} + 15 min.)";
            throw new AuthFailure(AuthFailureKind.SignatureExpired, message);
        }
        return new VerifiedSignature(auth.AccessKeyId, auth.Region, auth.Service, signedAt);
    }

    private static void CheckSessionToken(SignedRequest request, SigningSecret secret, DateTimeOffset now)
    {
        var token = request.Headers.GetValueOrDefault("x-amz-security-token");
        if (secret.SessionToken is null)
        {
            if (token is not null)
            {
                throw new AuthFailure(AuthFailureKind.InvalidSecurityToken, "The security token included in the request is invalid.");
            }
            return;
        }
        if (token is null || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(secret.SessionToken)))
        {
            throw new AuthFailure(AuthFailureKind.InvalidSecurityToken, "The security token included in the request is invalid.");
        }
        if (secret.Expiration is { } expiration && expiration <= now)
        {
            throw new AuthFailure(AuthFailureKind.ExpiredSecurityToken, "The security token included in the request is expired");
        }
    }

    private static string PayloadHash(SignedRequest request)
    {
        var actual = SigV4Canonical.HexSha256(request.Body.Span);
        var declared = request.Headers.GetValueOrDefault("x-amz-content-sha256");
        if (declared is null)
        {
            return actual;
        }
        if (declared == "UNSIGNED-PAYLOAD")
        {
            return declared;
        }
        if (!string.Equals(declared, actual, StringComparison.OrdinalIgnoreCase))
        {
            throw new AuthFailure(AuthFailureKind.SignatureMismatch,
                "The provided 'x-amz-content-sha256' header does not match what was computed.");
        }
        return declared;
    }
}

internal sealed record ParsedAuthorization(
    string? AccessKeyId, string? Date, string? Region, string? Service, string[] SignedHeaders, string? Signature);
