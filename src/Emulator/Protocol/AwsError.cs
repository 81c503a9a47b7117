namespace PodIdentity.Emulator.Protocol;

/// <summary>An AWS error answer: the code the SDK maps to an exception, its HTTP status and message.</summary>
internal sealed class AwsError(string code, int status, string message) : Exception(message)
{
    public string Code { get; } = code;
    public int Status { get; } = status;

    /// <summary>Query-protocol errors carry Sender (client) or Receiver (server) as their type.</summary>
    public string FaultType => Status >= 500 ? "Receiver" : "Sender";
}
