using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using PodIdentity.Plugin.Hosting.Internal;

namespace PodIdentity.Plugin.Hosting.Tests;

public sealed class AutoMtlsTests
{
    [Fact]
    public void ServerCertificateIsWhatGoPluginClientsVerify()
    {
        var now = DateTimeOffset.UtcNow;
        using var cert = AutoMtls.CreateServerCertificate(now);
        CertificateAssertions.AssertUsableServerCertificate(cert);
        Assert.True(cert.HasPrivateKey);
        Assert.True(cert.NotBefore.ToUniversalTime() < now.UtcDateTime.AddSeconds(-30));
    }

    [Fact]
    public void SubjectIsLocalhost()
    {
        using var cert = AutoMtls.CreateServerCertificate(DateTimeOffset.UtcNow);
        Assert.Equal("CN=localhost", cert.Subject);
        Assert.Equal(cert.Subject, cert.Issuer);
    }

    [Fact]
    public void EachCertificateIsFresh()
    {
        using var a = AutoMtls.CreateServerCertificate(DateTimeOffset.UtcNow);
        using var b = AutoMtls.CreateServerCertificate(DateTimeOffset.UtcNow);
        Assert.NotEqual(a.RawData, b.RawData);
        Assert.NotEqual(a.GetPublicKey(), b.GetPublicKey());
    }

    [Fact]
    public void ReadsPemAndPinsExactBytes()
    {
        using var client = TestCertificates.CreateClient();
        using var other = TestCertificates.CreateClient();
        var pem = "junk before\n" + client.ExportCertificatePem() + "\n";

        var der = AutoMtls.ReadPemCertificate(pem);
        Assert.NotNull(der);
        Assert.Equal(client.RawData, der);
        Assert.True(AutoMtls.IsPinned(client, der));
        Assert.False(AutoMtls.IsPinned(other, der));
        Assert.False(AutoMtls.IsPinned(null, der));
    }

    [Fact]
    public void SkipsNonCertificatePemBlocks()
    {
        using var client = TestCertificates.CreateClient();
        using var key = ECDsa.Create();
        var pem = key.ExportPkcs8PrivateKeyPem() + "\n" + client.ExportCertificatePem();
        Assert.Equal(client.RawData, AutoMtls.ReadPemCertificate(pem));
        Assert.Null(AutoMtls.ReadPemCertificate("not a certificate"));
        Assert.Null(AutoMtls.ReadPemCertificate(key.ExportPkcs8PrivateKeyPem()));
    }

    [Fact]
    public void ReadsTheFirstCertificateWhateverTheLineEndings()
    {
        using var first = TestCertificates.CreateClient();
        using var second = TestCertificates.CreateClient();
        var crlf = first.ExportCertificatePem().Replace("\n", "\r\n", StringComparison.Ordinal);
        Assert.Equal(first.RawData, AutoMtls.ReadPemCertificate(crlf + "\r\n" + second.ExportCertificatePem()));
    }

    [Theory]
    [InlineData("-----BEGIN CERTIFICATE-----\nMIIB")] // no end marker
    [InlineData("-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----")] // empty body
    [InlineData("-----BEGIN CERTIFICATE-----\nnot*base64!\n-----END CERTIFICATE-----")]
    [InlineData("-----END CERTIFICATE-----\n-----BEGIN CERTIFICATE-----")] // markers out of order
    public void RefusesBrokenCertificateBlocks(string pem)
    {
        Assert.Null(AutoMtls.ReadPemCertificate(pem));
    }
}

internal static class CertificateAssertions
{
    public static void AssertUsableServerCertificate(X509Certificate2 cert)
    {
        var now = DateTime.UtcNow;
        Assert.True(cert.NotBefore.ToUniversalTime() < now, "NotBefore must be in the past");
        Assert.True(cert.NotAfter.ToUniversalTime() > now.AddHours(1), "must stay valid for the session");
        Assert.Equal("1.2.840.10045.2.1", cert.PublicKey.Oid.Value); // id-ecPublicKey
        using (var key = cert.GetECDsaPublicKey())
        {
            Assert.NotNull(key);
            Assert.Equal(256, key.KeySize);
        }

        var san = cert.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Contains("localhost", san.EnumerateDnsNames());

        var eku = cert.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single();
        var usages = eku.EnhancedKeyUsages.Cast<Oid>().Select(o => o.Value).ToList();
        Assert.Contains("1.3.6.1.5.5.7.3.1", usages);
        Assert.Contains("1.3.6.1.5.5.7.3.2", usages);

        // Self-signed: the signature verifies with its own key.
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(cert);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid("1.3.6.1.5.5.7.3.1"));
        Assert.True(chain.Build(cert), string.Join(", ", chain.ChainStatus.Select(s => s.StatusInformation)));
    }
}
