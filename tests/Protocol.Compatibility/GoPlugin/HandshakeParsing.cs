namespace PodIdentity.Protocol.Compatibility.GoPlugin;

/// <summary>How a go-plugin release splits the handshake line (client.go, Client.Start).</summary>
public enum HandshakeParsing
{
    /// <summary>go-plugin v1.4.x: <c>strings.SplitN(line, "|", 6)</c>, so a 7th field is glued onto the certificate.</summary>
    SplitN6,

    /// <summary>go-plugin v1.6.x and v1.7.x: <c>strings.Split(line, "|")</c>; field 7 is read only when the client asks
    /// for gRPC broker multiplexing, which Terraform and OpenTofu never do.</summary>
    SplitAll,
}
