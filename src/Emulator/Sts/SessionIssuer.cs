using System.Xml.Linq;
using PodIdentity.Emulator.Auth;
using PodIdentity.Emulator.Iam;
using PodIdentity.Emulator.Protocol;
using PodIdentity.Emulator.State;

namespace PodIdentity.Emulator.Sts;

/// <summary>What a new role session carries besides its role and name.</summary>
internal sealed record SessionRequest(
    string IssuedBy, string? SourceArn, IReadOnlyDictionary<string, string>? Tags = null, string? Policy = null);

/// <summary>
/// Makes role sessions (STS AssumeRole*, EKS Auth) and stores them, so SigV4 accepts their keys until they expire.
/// Runs inside a state write.
/// </summary>
internal static class SessionIssuer
{
    public static SessionCredential Issue(EmulatorState state, Role role, string sessionName, DateTimeOffset now,
        DateTimeOffset expiration, SessionRequest request)
    {
        foreach (var expired in state.Sessions.Values.Where(s => s.Expiration <= now).ToList())
        {
            state.Sessions.Remove(expired.AccessKeyId);
        }
        var session = new SessionCredential
        {
            AccessKeyId = Ids.SessionAccessKeyId(),
            SecretAccessKey = Ids.Secret(),
            SessionToken = Ids.SessionToken(),
            Expiration = expiration,
            AssumedRoleArn = AssumedRoleArn(state.AccountId, role, sessionName),
            AssumedRoleId = $"{role.RoleId}:{sessionName}",
            Tags = request.Tags is null ? new(StringComparer.Ordinal) : new(request.Tags, StringComparer.Ordinal),
            Policy = request.Policy,
            IssuedBy = request.IssuedBy,
            SourceArn = request.SourceArn,
        };
        state.Sessions[session.AccessKeyId] = session;
        return session;
    }

    public static string AssumedRoleArn(string account, Role role, string sessionName) =>
        $"arn:aws:sts::{account}:assumed-role/{role.Name}/{sessionName}";

    /// <summary>The role an ARN names in this account's IAM, or null.</summary>
    public static Role? FindRole(EmulatorState state, string roleArn) =>
        state.Roles.Values.FirstOrDefault(r => r.Arn == roleArn);

    /// <summary>
    /// A signed caller as a trust policy sees it: its own ARN, and for a role session also the role's ARN;
    /// "arn:aws:iam::ACCOUNT:root" names every principal of its account.
    /// </summary>
    public static TrustPrincipal Principal(EmulatorState state, Caller caller)
    {
        var names = new List<string> { caller.Arn };
        const string marker = ":assumed-role/";
        var at = caller.Arn.IndexOf(marker, StringComparison.Ordinal);
        if (at >= 0)
        {
            var roleName = caller.Arn[(at + marker.Length)..].Split('/')[0];
            if (state.Roles.TryGetValue(roleName, out var role))
            {
                names.Add(role.Arn);
            }
        }
        return new TrustPrincipal("AWS", names, caller.Account);
    }

    public static XElement CredentialsXml(SessionCredential s) =>
        new("Credentials",
            new XElement("AccessKeyId", s.AccessKeyId),
            new XElement("SecretAccessKey", s.SecretAccessKey),
            new XElement("SessionToken", s.SessionToken),
            new XElement("Expiration", QueryXmlResponse.Timestamp(s.Expiration)));

    public static XElement AssumedRoleUserXml(SessionCredential s) =>
        new("AssumedRoleUser",
            new XElement("AssumedRoleId", s.AssumedRoleId),
            new XElement("Arn", s.AssumedRoleArn));
}
