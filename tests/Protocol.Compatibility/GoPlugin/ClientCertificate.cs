using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PodIdentity.Protocol.Compatibility.GoPlugin;

/// <summary>
/// The throwaway certificate a go-plugin client makes for AutoMTLS (mtls.go, generateCert; the same in v1.4.3 to
/// v1.7.0): ECDSA P-521, CN and DNS SAN <c>localhost</c>, O=HashiCorp, client and server auth, a self-signed CA valid
/// from 30 s ago for 262980 hours. Its PEM goes to the plugin in <c>PLUGIN_CLIENT_CERT</c>.
/// </summary>
public sealed class ClientCertificate : IDisposable
{
    private ClientCertificate(X509Certificate2 certificate, string pem)
    {
        Certificate = certificate;
        Pem = pem;
    }

    /// <summary>With its private key, for the TLS handshake.</summary>
    public X509Certificate2 Certificate { get; }

    public string Pem { get; }

    public static ClientCertificate Create()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP521);
        var request = new CertificateRequest("CN=localhost, O=HashiCorp", key, HashAlgorithmName.SHA512);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.2"), new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.KeyAgreement
            | X509KeyUsageFlags.KeyCertSign,
            critical: true));
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, critical: true));

        // A random positive serial below 2^128, as Go's rand.Int(rand.Reader, 1<<128).
        var serial = new BigInteger(RandomNumberGenerator.GetBytes(16), isUnsigned: true, isBigEndian: true).ToByteArray(isUnsigned: true, isBigEndian: true);
        var now = DateTimeOffset.UtcNow;
        using var created = request.Create(request.SubjectName, X509SignatureGenerator.CreateForECDsa(key), now.AddSeconds(-30), now.AddHours(262980), serial);
        using var withKey = created.CopyWithPrivateKey(key);

        // A PKCS#12 round trip gives a key SslStream can use on every platform.
        var usable = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
        return new ClientCertificate(usable, created.ExportCertificatePem() + "\n");
    }

    public void Dispose() => Certificate.Dispose();
}
