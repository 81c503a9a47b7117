using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace PodIdentity.Aws.Clients;

/// <summary>The sso_* settings of a profile, from the profile itself or its [sso-session] section.</summary>
internal sealed record SsoProfile(string ProfileName, string? SessionName, string StartUrl, string Region, string AccountId, string RoleName);

/// <summary>
/// An IAM Identity Center (SSO) profile: the access token `aws sso login` cached, exchanged for role credentials
/// at the SSO portal (GetRoleCredentials, bearer-token authenticated, not signed).
/// </summary>
internal sealed class SsoCredentialSource(SsoProfile profile, AwsTransport transport, ServiceEndpoint portal, string home, TimeProvider time)
    : RefreshingCredentialSource(time)
{
    public override string Name => $"SSO profile \"{profile.ProfileName}\"";

    protected override async Task<AwsCredentialSet> FetchAsync(CancellationToken cancellationToken)
    {
        var token = await ReadCachedTokenAsync(cancellationToken).ConfigureAwait(false);
        var query = new QueryBuilder().Add("account_id", profile.AccountId).Add("role_name", profile.RoleName);
        var request = new AwsHttpRequest(HttpMethod.Get, "/federation/credentials?" + query, [], null,
            [new("x-amz-sso_bearer_token", token)]);
        var response = await transport.SendAsync(request, portal, null, AwsProtocol.RestJson, "SSO", "GetRoleCredentials", cancellationToken)
            .ConfigureAwait(false);
        try
        {
            using var doc = JsonDocument.Parse(response.Body);
            var c = doc.RootElement.GetProperty("roleCredentials");
            var expiration = c.TryGetProperty("expiration", out var ms) && ms.ValueKind == JsonValueKind.Number
                ? DateTimeOffset.FromUnixTimeMilliseconds(ms.GetInt64())
                : (DateTimeOffset?)null;
            return new AwsCredentialSet(c.GetProperty("accessKeyId").GetString()!, c.GetProperty("secretAccessKey").GetString()!,
                c.TryGetProperty("sessionToken", out var t) ? t.GetString() : null, expiration, Name);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new AwsCredentialsException($"{Name}: the SSO portal's answer has no role credentials.", e);
        }
    }

    /// <summary>~/.aws/sso/cache/&lt;sha1 of the session name, or of the start URL for legacy profiles&gt;.json</summary>
    private async Task<string> ReadCachedTokenAsync(CancellationToken cancellationToken)
    {
        var key = profile.SessionName ?? profile.StartUrl;
        var file = Path.Combine(home, ".aws", "sso", "cache",
            Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(key))) + ".json");
        var login = $"run `aws sso login --profile {profile.ProfileName}`";
        byte[] json;
        try
        {
            json = await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException)
        {
            throw new AwsCredentialsException($"{Name} has no cached SSO token ({file}): {login}.");
        }

        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            var token = root.GetProperty("accessToken").GetString();
            var expires = DateTimeOffset.Parse(root.GetProperty("expiresAt").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            if (string.IsNullOrEmpty(token) || expires <= Time.GetUtcNow())
            {
                throw new AwsCredentialsException($"The SSO session of {Name} has expired: {login}.");
            }

            return token;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentNullException)
        {
            throw new AwsCredentialsException($"{Name}: the cached SSO token {file} is not readable ({e.GetType().Name}): {login}.", e);
        }
    }
}
