using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PodIdentity.Plugin.Hosting.Internal;

/// <summary>go-plugin's AutoMTLS: a throwaway server certificate, and Terraform's client certificate pinned by bytes.</summary>
internal static class AutoMtls
{
    private const string ServerAuthOid = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuthOid = "1.3.6.1.5.5.7.3.2";

    /// <summary>DER of "CN=localhost": parsing the string form costs tens of milliseconds at start-up.</summary>
    private static readonly byte[] LocalhostName =
    [
        0x30, 0x14, 0x31, 0x12, 0x30, 0x10, 0x06, 0x03, 0x55, 0x04, 0x03, 0x0C, 0x09,
        (byte)'l', (byte)'o', (byte)'c', (byte)'a', (byte)'l', (byte)'h', (byte)'o', (byte)'s', (byte)'t',
    ];

    /// <summary>Self-signed ECDSA P-256 with SAN localhost (Go checks the SAN, not the CN); a CA so that Go
    /// accepts it as its own trust root; valid from a little in the past to tolerate clock skew.</summary>
    public static X509Certificate2 CreateServerCertificate(DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName(LocalhostName), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.KeyCertSign,
            critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid(ServerAuthOid), new Oid(ClientAuthOid)],
            critical: false));
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));

        var serial = new byte[16];
        RandomNumberGenerator.Fill(serial);
        serial[0] &= 0x7F; // positive
        return request.Create(
            request.SubjectName,
            X509SignatureGenerator.CreateForECDsa(key),
            now.AddMinutes(-1),
            now.AddDays(30),
            serial).CopyWithPrivateKey(key);
    }

    private const string CertificateBegin = "-----BEGIN CERTIFICATE-----";
    private const string CertificateEnd = "-----END CERTIFICATE-----";

    /// <summary>DER bytes of the first CERTIFICATE block of PLUGIN_CLIENT_CERT, or null when there is none.
    /// A plain marker search rather than PemEncoding: its generic code is not precompiled and cost ~15 ms of
    /// JIT on the path to the handshake line.</summary>
    public static byte[]? ReadPemCertificate(string pem)
    {
        var begin = pem.IndexOf(CertificateBegin, StringComparison.Ordinal);
        if (begin < 0)
        {
            return null;
        }

        var body = begin + CertificateBegin.Length;
        var end = pem.IndexOf(CertificateEnd, body, StringComparison.Ordinal);
        if (end < 0)
        {
            return null;
        }

        // Convert.TryFromBase64Chars skips the whitespace (line breaks) inside the block.
        var base64 = pem.AsSpan(body, end - body);
        var der = new byte[base64.Length * 3 / 4];
        return Convert.TryFromBase64Chars(base64, der, out var written) && written > 0 ? der[..written] : null;
    }

    /// <summary>The peer is accepted only if it presents exactly Terraform's certificate.</summary>
    public static bool IsPinned(X509Certificate? presented, byte[] pinnedDer)
    {
        if (presented is null)
        {
            return false;
        }

        var raw = presented.GetRawCertData();
        return CryptographicOperations.FixedTimeEquals(raw, pinnedDer);
    }
}
