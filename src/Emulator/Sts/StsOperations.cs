using System.Text.RegularExpressions;
using System.Xml.Linq;
using PodIdentity.Emulator.Iam;
using PodIdentity.Emulator.Oidc;
using PodIdentity.Emulator.Protocol;
using PodIdentity.Emulator.State;

namespace PodIdentity.Emulator.Sts;

/// <summary>
/// GetCallerIdentity, AssumeRole and AssumeRoleWithWebIdentity. Each assume checks the role's trust policy;
/// issued session credentials are stored and then accepted by SigV4.
/// </summary>
internal static partial class StsOperations
{
    public const string Namespace = "https://sts.amazonaws.com/doc/2011-06-15/";

    public static readonly IReadOnlyDictionary<string, Func<QueryCall, XElement?>> Actions =
        new Dictionary<string, Func<QueryCall, XElement?>>(StringComparer.Ordinal)
        {
            ["GetCallerIdentity"] = GetCallerIdentity,
            ["AssumeRole"] = AssumeRole,
            ["AssumeRoleWithWebIdentity"] = AssumeRoleWithWebIdentity,
        };

    /// <summary>Actions AWS serves without a signature: the token in the request is the credential.</summary>
    public static readonly IReadOnlySet<string> Unsigned = new HashSet<string>(StringComparer.Ordinal) { "AssumeRoleWithWebIdentity" };

    [GeneratedRegex(@"^[\w+=,.@-]{2,64}$")]
    private static partial Regex SessionName();

    private static XElement? GetCallerIdentity(QueryCall call) =>
        new("GetCallerIdentityResult",
            new XElement("Arn", call.Signer.Arn),
            new XElement("UserId", call.Signer.UserId),
            new XElement("Account", call.Signer.Account));

    private static XElement? AssumeRole(QueryCall call)
    {
        var (roleArn, sessionName, duration) = CommonParameters(call);
        var externalId = call.Request.Get("ExternalId");
        var tags = call.Request.Pairs("Tags");
        var policy = call.Request.Get("Policy");
        var caller = call.Signer;
        return call.Context.Store.Write(state =>
        {
            var denied = new AwsError("AccessDenied", 403,
                $"User: {caller.Arn} is not authorized to perform: sts:AssumeRole on resource: {roleArn}");
            var role = SessionIssuer.FindRole(state, roleArn) ?? throw denied;
            var principal = SessionIssuer.Principal(state, caller);
            var context = new Dictionary<string, string>(StringComparer.Ordinal);
            if (externalId is not null)
            {
                context["sts:ExternalId"] = externalId;
            }
            if (!TrustPolicy.Allows(role.AssumeRolePolicyDocument, principal, "sts:AssumeRole", context))
            {
                throw denied;
            }
            if (tags.Count > 0 && !TrustPolicy.Allows(role.AssumeRolePolicyDocument, principal, "sts:TagSession", context))
            {
                throw new AwsError("AccessDenied", 403,
                    $"User: {caller.Arn} is not authorized to perform: sts:TagSession on resource: {roleArn}");
            }
            // Role chaining is limited to one hour, as in AWS.
            var chained = caller.Arn.Contains(":assumed-role/", StringComparison.Ordinal);
            CheckDuration(duration, chained ? 3600 : role.MaxSessionDuration);
            var session = SessionIssuer.Issue(state, role, sessionName, call.Now, call.Now.AddSeconds(duration),
                new SessionRequest("AssumeRole", caller.Arn, tags.ToDictionary(StringComparer.Ordinal), policy));
            return new XElement("AssumeRoleResult",
                SessionIssuer.CredentialsXml(session),
                SessionIssuer.AssumedRoleUserXml(session),
                new XElement("PackedPolicySize", policy is null && tags.Count == 0 ? 0 : 6));
        });
    }

    /// <summary>
    /// Unsigned. The token must be one the emulator issued for a cluster (every cluster's OIDC issuer counts as an
    /// IAM OIDC provider of the account), and the role must trust that provider as a Federated principal.
    /// </summary>
    private static XElement? AssumeRoleWithWebIdentity(QueryCall call)
    {
        var (roleArn, sessionName, duration) = CommonParameters(call);
        var token = call.Request.Required("WebIdentityToken");
        var policy = call.Request.Get("Policy");
        return call.Context.Store.Write(state =>
        {
            var issuer = ServiceAccountTokens.UnverifiedIssuer(token)
                ?? throw new AwsError("InvalidIdentityToken", 400, "Couldn't parse the web identity token.");
            var cluster = state.Regions.Values.SelectMany(r => r.Clusters.Values)
                .FirstOrDefault(c => ClusterIdentity.Issuer(c) == issuer)
                ?? throw new AwsError("InvalidIdentityToken", 400, $"No OpenIDConnect provider found in your account for {issuer}");
            ServiceAccountClaims claims;
            try
            {
                claims = ServiceAccountTokens.Verify(cluster, token, call.Now);
            }
            catch (TokenRejected e) when (e.Expired)
            {
                throw new AwsError("ExpiredTokenException", 400, "Token expired: current date/time must be before the expiration date/time.");
            }
            catch (TokenRejected e)
            {
                throw new AwsError("InvalidIdentityToken", 400, e.Message);
            }

            var denied = new AwsError("AccessDenied", 403, "Not authorized to perform sts:AssumeRoleWithWebIdentity");
            var role = SessionIssuer.FindRole(state, roleArn) ?? throw denied;
            var provider = ClusterIdentity.ProviderName(issuer);
            var providerArn = ClusterIdentity.ProviderArn(state.AccountId, issuer);
            var context = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [$"{provider}:sub"] = claims.Subject,
                [$"{provider}:aud"] = claims.Audiences.FirstOrDefault() ?? "",
            };
            if (!TrustPolicy.Allows(role.AssumeRolePolicyDocument, TrustPrincipal.Federated(providerArn),
                    "sts:AssumeRoleWithWebIdentity", context))
            {
                throw denied;
            }
            CheckDuration(duration, role.MaxSessionDuration);
            var session = SessionIssuer.Issue(state, role, sessionName, call.Now, call.Now.AddSeconds(duration),
                new SessionRequest("AssumeRoleWithWebIdentity", providerArn, null, policy));
            return new XElement("AssumeRoleWithWebIdentityResult",
                SessionIssuer.CredentialsXml(session),
                new XElement("SubjectFromWebIdentityToken", claims.Subject),
                SessionIssuer.AssumedRoleUserXml(session),
                new XElement("PackedPolicySize", policy is null ? 0 : 6),
                new XElement("Provider", providerArn),
                new XElement("Audience", claims.Audiences.FirstOrDefault() ?? ""));
        });
    }

    private static (string RoleArn, string SessionName, int Duration) CommonParameters(QueryCall call)
    {
        var roleArn = call.Request.Required("RoleArn");
        var sessionName = call.Request.Required("RoleSessionName");
        if (sessionName.Length is < 2 or > 64)
        {
            throw new AwsError("ValidationError", 400,
                $"1 validation error detected: Value '{sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must have length between 2 and 64");
        }
        if (!SessionName().IsMatch(sessionName))
        {
            throw new AwsError("ValidationError", 400,
                $"1 validation error detected: Value '{sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*");
        }
        if (roleArn.Length < 20 || !roleArn.StartsWith("arn:", StringComparison.Ordinal))
        {
            throw new AwsError("ValidationError", 400, $"{roleArn} is invalid");
        }
        return (roleArn, sessionName, call.Request.Int("DurationSeconds") ?? 3600);
    }

    private static void CheckDuration(int duration, int max)
    {
        if (duration < 900 || duration > max)
        {
            throw new AwsError("ValidationError", 400, "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
        }
    }
}
