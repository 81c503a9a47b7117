using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using PodIdentity.Protocol.Compatibility.GoPlugin;

namespace PodIdentity.Protocol.Compatibility;

/// <summary>The handshake-line rules of each go-plugin release the matrix models, on lines a provider could print.</summary>
public sealed class HandshakeLineTests
{
    private static readonly int[] Offered = [5, 6];
    private static readonly byte[] Der = SelfSigned();
    private static readonly string Raw = Convert.ToBase64String(Der).TrimEnd('=');

    [Theory]
    [InlineData(HandshakeParsing.SplitN6)]
    [InlineData(HandshakeParsing.SplitAll)]
    public void A_six_field_line_with_an_unpadded_certificate_parses_for_every_release(HandshakeParsing parsing)
    {
        var line = HandshakeLine.Parse($"1|6|unix|/tmp/plugin123|grpc|{Raw}\n", parsing, Offered);

        Assert.Equal(("unix", "/tmp/plugin123", 6, "grpc"), (line.Network, line.Address, line.AppVersion, line.Protocol));
        Assert.Equal(Der, line.ServerCertificate);
    }

    [Fact]
    public void A_seventh_field_is_glued_onto_the_certificate_by_go_plugin_1_4()
    {
        var line = $"1|6|tcp|127.0.0.1:10000|grpc|{Raw}|true";

        Assert.Equal(Der, HandshakeLine.Parse(line, HandshakeParsing.SplitAll, Offered).ServerCertificate);
        var e = Assert.Throws<HandshakeException>(() => HandshakeLine.Parse(line, HandshakeParsing.SplitN6, Offered));
        Assert.Contains("illegal base64 data", e.Message);
    }

    [Theory]
    [InlineData(HandshakeParsing.SplitN6)]
    [InlineData(HandshakeParsing.SplitAll)]
    public void Padding_is_refused_by_raw_standard_base64(HandshakeParsing parsing)
    {
        var padded = Convert.ToBase64String(Der);
        Assert.EndsWith("=", padded);

        var e = Assert.Throws<HandshakeException>(() => HandshakeLine.Parse($"1|6|unix|/tmp/p|grpc|{padded}", parsing, Offered));
        Assert.Contains("illegal base64 data", e.Message);
    }

    [Theory]
    [InlineData("1|6|unix|/tmp/p", "Unsupported plugin protocol \"netrpc\"")]
    [InlineData("1|6|unix", "Unrecognized remote plugin message")]
    [InlineData("2|6|unix|/tmp/p|grpc", "Incompatible core API version")]
    [InlineData("1|7|unix|/tmp/p|grpc", "Incompatible API version")]
    [InlineData("1|6|pipe|/tmp/p|grpc", "Unknown address type")]
    public void Lines_the_clients_reject(string line, string message)
    {
        var e = Assert.Throws<HandshakeException>(() => HandshakeLine.Parse(line, HandshakeParsing.SplitAll, Offered));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void A_short_last_field_is_not_taken_for_a_certificate()
    {
        Assert.Null(HandshakeLine.Parse("1|6|unix|/tmp/p|grpc|extra", HandshakeParsing.SplitN6, Offered).ServerCertificate);
    }

    private static byte[] SelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddHours(1));

        // Keep trying until the base64 needs padding, so both the raw and the padded form are exercised.
        var der = certificate.RawData;
        return der.Length % 3 == 0 ? SelfSigned() : der;
    }
}
