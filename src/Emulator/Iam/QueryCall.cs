using PodIdentity.Emulator.Auth;
using PodIdentity.Emulator.Hosting;

namespace PodIdentity.Emulator.Iam;

/// <summary>One IAM or STS call as a handler sees it.</summary>
internal sealed record QueryCall(EmulatorContext Context, QueryRequest Request, Caller Caller, DateTimeOffset Now);
