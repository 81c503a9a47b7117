using System.Globalization;

namespace PodIdentity.Protocol.Compatibility.GoPlugin;

/// <summary>
/// The first stdout line of a go-plugin server, <c>CORE|APP|NETWORK|ADDRESS|PROTOCOL|CERT</c>, read the way a
/// go-plugin client reads it: trimmed, split per <see cref="HandshakeParsing"/>, the core version must be 1, the app
/// version one the client offered, the protocol one it allows, and the certificate (only looked at when longer
/// than 50 characters) raw, unpadded standard base64 of the DER bytes.
/// </summary>
public sealed record HandshakeLine(int CoreVersion, int AppVersion, string Network, string Address, string Protocol, byte[]? ServerCertificate)
{
    public const int CoreProtocolVersion = 1;

    public static HandshakeLine Parse(string line, HandshakeParsing parsing, IReadOnlyCollection<int> offeredVersions, string allowedProtocol = "grpc")
    {
        // Go's strings.TrimSpace: the line may end in \r\n or carry stray spaces.
        line = line.Trim();
        var parts = parsing == HandshakeParsing.SplitN6 ? line.Split('|', 6) : line.Split('|');
        if (parts.Length < 4)
        {
            throw new HandshakeException("Unrecognized remote plugin message: " + line);
        }

        if (!TryAtoi(parts[0], out var core))
        {
            throw new HandshakeException($"Error parsing core protocol version: \"{parts[0]}\" is not an integer");
        }

        if (core != CoreProtocolVersion)
        {
            throw new HandshakeException($"Incompatible core API version with plugin. Plugin version: {parts[0]}, Core version: {CoreProtocolVersion}");
        }

        if (!TryAtoi(parts[1], out var app) || !offeredVersions.Contains(app))
        {
            throw new HandshakeException(
                $"Incompatible API version with plugin. Plugin version: {parts[1]}, Client versions: [{string.Join(' ', offeredVersions.Order())}]");
        }

        if (parts[2] is not ("tcp" or "unix"))
        {
            throw new HandshakeException("Unknown address type: " + parts[3]);
        }

        // Without a 5th field go-plugin assumes net/rpc, which Terraform and OpenTofu do not allow.
        var protocol = parts.Length >= 5 ? parts[4] : "netrpc";
        if (protocol != allowedProtocol)
        {
            throw new HandshakeException($"Unsupported plugin protocol \"{protocol}\". Supported: [{allowedProtocol}]");
        }

        byte[]? certificate = null;
        if (parts.Length >= 6 && parts[5].Length > 50)
        {
            certificate = DecodeRawStd(parts[5]);
        }

        return new HandshakeLine(core, app, parts[2], parts[3], protocol, certificate);
    }

    // strconv.Atoi: optional sign, ASCII digits only.
    private static bool TryAtoi(string text, out int value) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    // base64.RawStdEncoding.DecodeString: the standard alphabet without '=' padding. Go skips \r and \n; any other
    // character outside the alphabet, padding included, is "illegal base64 data at input byte N".
    private static byte[] DecodeRawStd(string text)
    {
        var clean = new System.Text.StringBuilder(text.Length + 2);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\r' or '\n')
            {
                continue;
            }

            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '/'))
            {
                throw new HandshakeException($"error parsing server cert: illegal base64 data at input byte {i}");
            }

            clean.Append(c);
        }

        if (clean.Length % 4 == 1)
        {
            throw new HandshakeException($"error parsing server cert: illegal base64 data at input byte {clean.Length - 1}");
        }

        clean.Append('=', (4 - (clean.Length % 4)) % 4);
        return Convert.FromBase64String(clean.ToString());
    }
}

public sealed class HandshakeException(string message) : Exception(message);
