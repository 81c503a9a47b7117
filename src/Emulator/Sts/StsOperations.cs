using System.Text.RegularExpressions;
using System.Xml.Linq;
using PodIdentity.Emulator.Iam;
using PodIdentity.Emulator.Protocol;
using PodIdentity.Emulator.State;

namespace PodIdentity.Emulator.Sts;

/// <summary>GetCallerIdentity and AssumeRole. Issued session credentials are stored and then accepted by SigV4.</summary>
internal static partial class StsOperations
{
    public const string Namespace = "https://sts.amazonaws.com/doc/2011-06-15/";

    public static readonly IReadOnlyDictionary<string, Func<QueryCall, XElement?>> Actions =
        new Dictionary<string, Func<QueryCall, XElement?>>(StringComparer.Ordinal)
        {
            ["GetCallerIdentity"] = GetCallerIdentity,
            ["AssumeRole"] = AssumeRole,
        };

    [GeneratedRegex(@"^[\w+=,.@-]{2,64}$")]
    private static partial Regex SessionName();

    private static XElement? GetCallerIdentity(QueryCall call) =>
        new("GetCallerIdentityResult",
            new XElement("Arn", call.Caller.Arn),
            new XElement("UserId", call.Caller.UserId),
            new XElement("Account", call.Caller.Account));

    private static XElement? AssumeRole(QueryCall call)
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
        var duration = call.Request.Int("DurationSeconds") ?? 3600;
        if (roleArn.Length < 20 || !roleArn.StartsWith("arn:", StringComparison.Ordinal))
        {
            throw new AwsError("ValidationError", 400, $"{roleArn} is invalid");
        }
        return call.Context.Store.Write(state =>
        {
            var role = state.Roles.Values.FirstOrDefault(r => r.Arn == roleArn)
                ?? throw new AwsError("AccessDenied", 403,
                    $"User: {call.Caller.Arn} is not authorized to perform: sts:AssumeRole on resource: {roleArn}");
            // Role chaining is limited to one hour, as in AWS.
            var max = call.Caller.Arn.Contains(":assumed-role/", StringComparison.Ordinal) ? 3600 : role.MaxSessionDuration;
            if (duration < 900 || duration > max)
            {
                throw new AwsError("ValidationError", 400,
                    $"The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
            }
            foreach (var expired in state.Sessions.Values.Where(s => s.Expiration <= call.Now).ToList())
            {
                state.Sessions.Remove(expired.AccessKeyId);
            }
            var session = new SessionCredential
            {
                AccessKeyId = Ids.SessionAccessKeyId(),
                SecretAccessKey = Ids.Secret(),
                SessionToken = Ids.SessionToken(),
                Expiration = call.Now.AddSeconds(duration),
                AssumedRoleArn = $"arn:aws:sts::{state.AccountId}:assumed-role/{role.Name}/{sessionName}",
                AssumedRoleId = $"{role.RoleId}:{sessionName}",
            };
            state.Sessions[session.AccessKeyId] = session;
            return new XElement("AssumeRoleResult",
                new XElement("Credentials",
                    new XElement("AccessKeyId", session.AccessKeyId),
                    new XElement("SecretAccessKey", session.SecretAccessKey),
                    new XElement("SessionToken", session.SessionToken),
                    new XElement("Expiration", QueryXmlResponse.Timestamp(session.Expiration))),
                new XElement("AssumedRoleUser",
                    new XElement("AssumedRoleId", session.AssumedRoleId),
                    new XElement("Arn", session.AssumedRoleArn)),
                new XElement("PackedPolicySize", 0));
        });
    }
}
