using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PodIdentity.TestSupport;

/// <summary>Small P-256 certificate authorities and loopback server certificates for TLS tests.</summary>
public static class TestCertificates
{
    private static readonly Oid ServerAuth = new("1.3.6.1.5.5.7.3.1");

    /// <summary>A certificate authority: self-signed when <paramref name="issuer"/> is null, else an intermediate.</summary>
    public static X509Certificate2 Authority(string name, X509Certificate2? issuer = null) => Issue(name, issuer, authority: true);

    /// <summary>A server certificate for 127.0.0.1 and localhost, self-signed when <paramref name="issuer"/> is null.</summary>
    public static X509Certificate2 LoopbackServer(string name, X509Certificate2? issuer = null) => Issue(name, issuer, authority: false);

    private static X509Certificate2 Issue(string name, X509Certificate2? issuer, bool authority)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(authority, false, 0, true));
        if (!authority)
        {
            var san = new SubjectAlternativeNameBuilder();
            san.AddIpAddress(IPAddress.Loopback);
            san.AddDnsName("localhost");
            request.CertificateExtensions.Add(san.Build());
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([ServerAuth], false));
        }

        // Issuers outlive what they sign, so a chain is valid from the first certificate to the last.
        var from = DateTimeOffset.UtcNow.AddMinutes(-5);
        var until = from.AddHours(issuer is null ? 3 : 2);
        if (issuer is null)
        {
            return request.CreateSelfSigned(from, until);
        }

        using var signed = request.Create(issuer, from, until, Guid.NewGuid().ToByteArray());
        return signed.CopyWithPrivateKey(key);
    }
}
