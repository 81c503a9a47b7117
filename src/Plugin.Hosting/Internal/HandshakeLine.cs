using System.Globalization;

namespace PodIdentity.Plugin.Hosting.Internal;

/// <summary>The single line go-plugin reads from our stdout: core|app|network|address|protocol|cert.</summary>
internal static class HandshakeLine
{
    public static string Format(string network, string address, byte[]? serverCertificateDer)
    {
        // Go decodes the certificate with RawStdEncoding, which rejects '=' padding.
        var cert = serverCertificateDer is null ? string.Empty : Convert.ToBase64String(serverCertificateDer).TrimEnd('=');
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{HandshakeEnvironment.CoreProtocolVersion}|{HandshakeEnvironment.AppProtocolVersion}|{network}|{address}|grpc|{cert}\n");
    }
}
