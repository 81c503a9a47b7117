namespace PodIdentity.Plugin.Values;

/// <summary>Malformed or non-conforming input to a decoder; <see cref="Path"/> says where in the value.</summary>
public sealed class CtyDecodeException : Exception
{
    public CtyDecodeException(string reason, AttributePath path, Exception? inner = null)
        : base(path.IsRoot ? reason : $"{path}: {reason}", inner)
    {
        Reason = reason;
        Path = path;
    }

    /// <summary>The message without the path.</summary>
    public string Reason { get; }

    public AttributePath Path { get; }
}
