using System.Text.Json;

namespace PodIdentity.Plugin.Hosting.Internal;

/// <summary>The TF_REATTACH_PROVIDERS value for debug mode. "Test": true stops Terraform 1.11 from
/// mis-detecting the protocol version of a reattached provider.</summary>
internal static class ReattachLine
{
    public static string FullAddress(string providerAddress)
    {
        var parts = providerAddress.Split('/');
        return parts.Length == 2 ? "registry.terraform.io/" + providerAddress : providerAddress;
    }

    public static string Json(string providerAddress, int pid, string network, string address)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteStartObject(FullAddress(providerAddress));
            writer.WriteString("Protocol", "grpc");
            writer.WriteNumber("ProtocolVersion", HandshakeEnvironment.AppProtocolVersion);
            writer.WriteNumber("Pid", pid);
            writer.WriteBoolean("Test", true);
            writer.WriteStartObject("Addr");
            writer.WriteString("Network", network);
            writer.WriteString("String", address);
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    public static string Explanation(string providerAddress, int pid, string network, string address)
    {
        var json = Json(providerAddress, pid, network, address);
        return $"""
            Provider {FullAddress(providerAddress)} is serving a debug session (plaintext gRPC, pid {pid}).
            Terraform uses this process instead of starting its own when this variable is in its environment
            (paste the line below into the shell, prefixed with "export ", before running Terraform):

            TF_REATTACH_PROVIDERS='{json}'

            Press Ctrl-C (or send SIGTERM) to stop the provider.

            """;
    }
}
