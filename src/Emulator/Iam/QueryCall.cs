using PodIdentity.Emulator.Auth;
using PodIdentity.Emulator.Hosting;

namespace PodIdentity.Emulator.Iam;

/// <summary>One IAM or STS call as a handler sees it; <see cref="Caller"/> is null only for STS's unsigned actions.</summary>
internal sealed record QueryCall(EmulatorContext Context, QueryRequest Request, Caller? Caller, DateTimeOffset Now)
{
    /// <summary>The signed caller; every action but the unsigned ones is only dispatched with one.</summary>
    public Caller Signer => Caller ?? throw new InvalidOperationException("this action needs a signed request");
}
