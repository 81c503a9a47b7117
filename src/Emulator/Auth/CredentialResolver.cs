using PodIdentity.Emulator.Hosting;

namespace PodIdentity.Emulator.Auth;

/// <summary>Finds signing secrets (static --credentials, then STS sessions) and the caller they belong to.</summary>
internal sealed class CredentialResolver(EmulatorContext context)
{
    public SigningSecret? Secret(string accessKeyId)
    {
        if (context.Options.Credentials.TryGetValue(accessKeyId, out var secret))
        {
            return new SigningSecret(secret, null, null);
        }
        return context.Store.Read(state => state.Sessions.TryGetValue(accessKeyId, out var session)
            ? new SigningSecret(session.SecretAccessKey, session.SessionToken, session.Expiration)
            : null);
    }

    public Caller Caller(string accessKeyId) => context.Store.Read(state =>
        state.Sessions.TryGetValue(accessKeyId, out var session) && !context.Options.Credentials.ContainsKey(accessKeyId)
            ? new Caller(accessKeyId, session.AssumedRoleArn, session.AssumedRoleId, state.AccountId)
            : new Caller(accessKeyId, $"arn:aws:iam::{state.AccountId}:root", state.AccountId, state.AccountId));
}
