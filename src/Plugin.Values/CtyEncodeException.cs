namespace PodIdentity.Plugin.Values;

/// <summary>A value that cannot be encoded as the requested type; <see cref="Path"/> says where.</summary>
public sealed class CtyEncodeException : Exception
{
    public CtyEncodeException(string reason, AttributePath path)
        : base(path.IsRoot ? reason : $"{path}: {reason}")
    {
        Reason = reason;
        Path = path;
    }

    /// <summary>The message without the path.</summary>
    public string Reason { get; }

    public AttributePath Path { get; }
}
