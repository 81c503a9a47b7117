using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PodIdentity.Emulator.State;

namespace PodIdentity.Emulator.Oidc;

/// <summary>What a verified service-account token says about the pod that holds it.</summary>
internal sealed record ServiceAccountClaims(
    string Issuer, string Subject, string Namespace, string ServiceAccount, IReadOnlyList<string> Audiences,
    string? PodName, string? PodUid, DateTimeOffset ExpiresAt);

/// <summary>Why a token was refused: malformed, not signed by the cluster, or expired (each service has its own code).</summary>
internal sealed class TokenRejected(bool expired, string message) : Exception(message)
{
    public bool Expired { get; } = expired;
}

/// <summary>
/// Projected service-account tokens as the cluster's OIDC issuer signs them: RS256 JWTs with the Kubernetes
/// claims (iss, sub system:serviceaccount:NS:SA, aud, kubernetes.io pod and service account). Each cluster has
/// its own RSA key, made the first time a token is issued and kept in the cluster's state.
/// </summary>
internal static class ServiceAccountTokens
{
    public const string PodIdentityAudience = "pods.eks.amazonaws.com";

    public static string Issue(Cluster cluster, string ns, string serviceAccount, string podName, string podUid,
        string audience, DateTimeOffset now, int lifetimeSeconds)
    {
        using var rsa = RSA.Create();
        if (cluster.TokenSigningKey is null)
        {
            rsa.KeySize = 2048;
            cluster.TokenSigningKey = Convert.ToBase64String(rsa.ExportPkcs8PrivateKey());
        }
        else
        {
            rsa.ImportPkcs8PrivateKey(Convert.FromBase64String(cluster.TokenSigningKey), out _);
        }
        var header = new JsonObject { ["alg"] = "RS256", ["kid"] = KeyId(cluster) };
        var claims = new JsonObject
        {
            ["aud"] = new JsonArray(audience),
            ["exp"] = now.ToUnixTimeSeconds() + lifetimeSeconds,
            ["iat"] = now.ToUnixTimeSeconds(),
            ["iss"] = ClusterIdentity.Issuer(cluster),
            ["jti"] = Ids.Uuid(),
            ["kubernetes.io"] = new JsonObject
            {
                ["namespace"] = ns,
                ["pod"] = new JsonObject { ["name"] = podName, ["uid"] = podUid },
                ["serviceaccount"] = new JsonObject { ["name"] = serviceAccount, ["uid"] = StableUid(cluster, ns, serviceAccount) },
            },
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["sub"] = $"system:serviceaccount:{ns}:{serviceAccount}",
        };
        var signingInput = Base64Url(Encoding.UTF8.GetBytes(header.ToJsonString())) + "."
            + Base64Url(Encoding.UTF8.GetBytes(claims.ToJsonString()));
        var signature = rsa.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64Url(signature);
    }

    /// <summary>The issuer a token claims, read without verifying it (to find the cluster that must have signed it).</summary>
    public static string? UnverifiedIssuer(string token)
    {
        try
        {
            return Payload(token.Split('.'))["iss"]?.GetValue<string>();
        }
        catch (Exception e) when (e is TokenRejected or JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    /// <summary>Checks shape, signature (with this cluster's key), issuer, then expiry; throws <see cref="TokenRejected"/>.</summary>
    public static ServiceAccountClaims Verify(Cluster cluster, string token, DateTimeOffset now)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            throw new TokenRejected(false, "The service account token is not a JWT.");
        }
        JsonObject payload;
        try
        {
            payload = Payload(parts);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            throw new TokenRejected(false, "The service account token is not a JWT.");
        }
        if (cluster.TokenSigningKey is null || !SignatureValid(cluster.TokenSigningKey, parts))
        {
            throw new TokenRejected(false, "The service account token's signature is not valid for this cluster.");
        }
        var issuer = Str(payload, "iss");
        if (issuer != ClusterIdentity.Issuer(cluster))
        {
            throw new TokenRejected(false, $"The service account token was issued by {issuer}, not by cluster {cluster.Name}.");
        }
        var subject = Str(payload, "sub") ?? "";
        var sub = subject.Split(':');
        if (sub is not ["system", "serviceaccount", { Length: > 0 } ns, { Length: > 0 } sa])
        {
            throw new TokenRejected(false, $"The service account token's subject {subject} is not a service account.");
        }
        if (payload["exp"] is not JsonValue expValue || !expValue.TryGetValue<long>(out var exp))
        {
            throw new TokenRejected(false, "The service account token has no expiry.");
        }
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(exp);
        if (expiresAt <= now)
        {
            throw new TokenRejected(true, "The service account token has expired.");
        }
        var audiences = payload["aud"] switch
        {
            JsonArray list => list.Select(a => a?.GetValue<string>() ?? "").ToList(),
            JsonValue one => [one.GetValue<string>()],
            _ => new List<string>(),
        };
        var kubernetes = payload["kubernetes.io"] as JsonObject;
        var pod = kubernetes?["pod"] as JsonObject;
        return new ServiceAccountClaims(issuer, subject, ns, sa, audiences,
            pod is null ? null : Str(pod, "name"), pod is null ? null : Str(pod, "uid"), expiresAt);
    }

    private static bool SignatureValid(string key, string[] parts)
    {
        byte[] signature;
        try
        {
            signature = FromBase64Url(parts[2]);
        }
        catch (FormatException)
        {
            return false;
        }
        using var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(Convert.FromBase64String(key), out _);
        return rsa.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), signature,
            HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    private static JsonObject Payload(string[] parts) =>
        parts.Length == 3 && JsonNode.Parse(FromBase64Url(parts[1])) is JsonObject o ? o
            : throw new TokenRejected(false, "The service account token is not a JWT.");

    private static string? Str(JsonObject o, string name) =>
        o[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static string KeyId(Cluster cluster) =>
        Base64Url(SHA256.HashData(Encoding.UTF8.GetBytes(cluster.Arn)))[..16];

    /// <summary>A service account keeps one uid, as in Kubernetes, derived from cluster, namespace and name.</summary>
    private static string StableUid(Cluster cluster, string ns, string serviceAccount) =>
        new Guid(SHA256.HashData(Encoding.UTF8.GetBytes($"{cluster.Id}/{ns}/{serviceAccount}"))[..16]).ToString();

    private static string Base64Url(byte[] data) =>
        Convert.ToBase64String(data).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string s)
    {
        var b = s.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(b + new string('=', (4 - b.Length % 4) % 4));
    }
}
