using System.Xml.Linq;

namespace PodIdentity.Aws.Clients;

/// <summary>AWS STS over the query protocol.</summary>
public sealed class StsClient
{
    private const string ServiceName = "STS";
    private const string Version = "2011-06-15";

    private readonly AwsTransport _transport;
    private readonly ServiceEndpoint _endpoint;
    private readonly CredentialSource? _credentials;

    /// <param name="credentials">Null for the unsigned AssumeRoleWithWebIdentity call.</param>
    internal StsClient(AwsTransport transport, ServiceEndpoint endpoint, CredentialSource? credentials)
    {
        _transport = transport;
        _endpoint = endpoint;
        _credentials = credentials;
    }

    public ServiceEndpoint Endpoint => _endpoint;

    public async Task<CallerIdentity> GetCallerIdentityAsync(CancellationToken cancellationToken)
    {
        var result = await CallAsync("GetCallerIdentity", new QueryBuilder(), _credentials, cancellationToken).ConfigureAwait(false);
        return new CallerIdentity(result.Text("UserId"), result.Text("Account"), result.Text("Arn"));
    }

    public async Task<AssumeRoleResult> AssumeRoleAsync(AssumeRoleRequest request, CancellationToken cancellationToken)
    {
        var p = new QueryBuilder()
            .Add("RoleArn", request.RoleArn)
            .Add("RoleSessionName", request.RoleSessionName)
            .Add("ExternalId", request.ExternalId)
            .Add("DurationSeconds", request.DurationSeconds)
            .Add("Policy", request.Policy);
        var i = 1;
        foreach (var (key, value) in request.Tags ?? new Dictionary<string, string>())
        {
            p.Add($"Tags.member.{i}.Key", key).Add($"Tags.member.{i}.Value", value);
            i++;
        }

        i = 1;
        foreach (var key in request.TransitiveTagKeys ?? [])
        {
            p.Add($"TransitiveTagKeys.member.{i++}", key);
        }

        var result = await CallAsync("AssumeRole", p, _credentials, cancellationToken).ConfigureAwait(false);
        return ReadAssumed(result, "AssumeRole");
    }

    /// <summary>Unsigned: the web identity token is the proof.</summary>
    public async Task<AssumeRoleResult> AssumeRoleWithWebIdentityAsync(AssumeRoleWithWebIdentityRequest request, CancellationToken cancellationToken)
    {
        var p = new QueryBuilder()
            .Add("RoleArn", request.RoleArn)
            .Add("RoleSessionName", request.RoleSessionName)
            .Add("WebIdentityToken", request.WebIdentityToken)
            .Add("DurationSeconds", request.DurationSeconds)
            .Add("Policy", request.Policy);
        var result = await CallAsync("AssumeRoleWithWebIdentity", p, null, cancellationToken).ConfigureAwait(false);
        return ReadAssumed(result, "AssumeRoleWithWebIdentity");
    }

    private Task<XElement> CallAsync(string action, QueryBuilder p, CredentialSource? credentials, CancellationToken cancellationToken) =>
        QueryProtocol.CallAsync(_transport, _endpoint, credentials, ServiceName, action, Version, p, cancellationToken);

    private static AssumeRoleResult ReadAssumed(XElement result, string action)
    {
        var c = result.Child("Credentials");
        var accessKey = c.Text("AccessKeyId");
        var secret = c.Text("SecretAccessKey");
        var token = c.Text("SessionToken");
        if (string.IsNullOrEmpty(accessKey) || string.IsNullOrEmpty(secret) || string.IsNullOrEmpty(token))
        {
            throw new AwsApiException(ServiceName, action, 200, "InvalidResponse", "The response has no complete Credentials.", null);
        }

        var user = result.Child("AssumedRoleUser");
        return new AssumeRoleResult(new StsCredentials(accessKey, secret, token, c.Time("Expiration")),
            user.Text("AssumedRoleId"), user.Text("Arn"), result.Int("PackedPolicySize"));
    }
}
