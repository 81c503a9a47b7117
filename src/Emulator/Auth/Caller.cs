namespace PodIdentity.Emulator.Auth;

/// <summary>The identity behind a verified request, as GetCallerIdentity reports it.</summary>
internal sealed record Caller(string AccessKeyId, string Arn, string UserId, string Account);
