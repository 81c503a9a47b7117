namespace PodIdentity.Aws.Clients;

/// <summary>No usable credentials could be obtained. Messages name sources, never secret values.</summary>
public sealed class AwsCredentialsException : Exception
{
    public AwsCredentialsException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
