using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

// Each step alone, in the order the provider needs them: OpenSSL's first use with a P-256 key and a self-signed
// certificate, then the first chain build (the system trust store parse), then a second one (cached).
var clock = Stopwatch.StartNew();
double Lap()
{
    var ms = clock.Elapsed.TotalMilliseconds;
    clock.Restart();
    return ms;
}

// With "trust-first", the first chain build also pays OpenSSL's first use (the order the provider's lanes run in).
if (args is ["trust-first"])
{
    using var throwaway = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(SelfSigned));
    Build(throwaway);
    Console.Out.Write(FormattableString.Invariant($"first chain build, OpenSSL's first use included {Lap():F1} ms\n"));
    return;
}

using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1));
var create = Lap();
Build(certificate);
var first = Lap();
Build(certificate);
var second = Lap();
Console.Out.Write(FormattableString.Invariant($"certificate {create:F1} ms, first chain build {first:F1} ms, second {second:F1} ms\n"));

static void Build(X509Certificate2 certificate)
{
    using var chain = new X509Chain();
    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
    chain.ChainPolicy.DisableCertificateDownloads = true;
    chain.Build(certificate);
    foreach (var element in chain.ChainElements)
    {
        element.Certificate.Dispose();
    }
}

internal static partial class Program
{
    // Any certificate will do: the chain build loads the system store before it looks at it.
    private const string SelfSigned = "MIIBdTCCARugAwIBAgIURYp/4hfa12SMTS1cCgOcelDgggMwCgYIKoZIzj0EAwIwEDEOMAwGA1UEAwwFZmxvb3IwHhcNMjYxMjAyMTI1OTUyWhcNMzYxMTI5MTI1OTUyWjAQMQ4wDAYDVQQDDAVmbG9vcjBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABGw1TGS9LQHLfFOhXYMF92c8zNE3cai2rytSbciPSNLGeQ9zHoxmMKoJsbUucz0HkV2R7o80uDfv269NGBljslOjUzBRMB0GA1UdDgQWBBRVbbsDEm3pFRCQ112nVmnKcc7U9jAfBgNVHSMEGDAWgBRVbbsDEm3pFRCQ112nVmnKcc7U9jAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0gAMEUCIG0aytSD1H8/HsE6Cx1CRR2Q/hv7jfL/UzQiZqFR14/uAiEAnwigyrcKUY5xMGZEeI/aqBtlr8w71pQSMxetgbfzjbw=";
}
