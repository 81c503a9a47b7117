using System.Net;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Health.V1;

namespace PodIdentity.Plugin.Hosting.Tests;

/// <summary>Calls against a real server process over mutual TLS on its unix socket.</summary>
public sealed class GrpcCallTests(TlsServerFixture server) : IClassFixture<TlsServerFixture>
{
    private GrpcTestClient Client => server.Client;

    [Fact]
    public void HandshakeLineNamesAPrivateUnixSocketAndAUsableCertificate()
    {
        var handshake = server.Handshake;
        Assert.Equal("unix", handshake.Network);
        Assert.True(File.Exists(handshake.Address), "the socket exists");
        var folder = Path.GetDirectoryName(handshake.Address)!;
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
        }

        Assert.NotNull(handshake.Certificate);
        CertificateAssertions.AssertUsableServerCertificate(handshake.Certificate);
        Assert.False(handshake.Certificate.HasPrivateKey);
    }

    [Fact]
    public async Task UnaryCallSucceedsWithStatusInTrailers()
    {
        var result = await Client.CallAsync("/test.Test/Echo", new StringValue { Value = "hello" });
        Assert.Equal(HttpStatusCode.OK, result.HttpStatus);
        Assert.Equal(new Version(2, 0), result.Response.Version);
        Assert.Equal("application/grpc", result.Response.Content.Headers.ContentType?.MediaType);
        Assert.False(result.TrailersOnly);
        Assert.Equal(0, result.Status);
        Assert.Equal("hello", StringValue.Parser.ParseFrom(Assert.Single(result.Messages)).Value);
    }

    [Fact]
    public async Task ServerStreamingSendsEveryMessageThenOk()
    {
        var result = await Client.CallAsync("/test.Test/Count", new Int32Value { Value = 3 });
        Assert.Equal(0, result.Status);
        Assert.Equal(["item 0", "item 1", "item 2"], result.Messages.Select(m => StringValue.Parser.ParseFrom(m).Value));
    }

    [Fact]
    public async Task UnknownMethodIsUnimplementedTrailersOnly()
    {
        var result = await Client.CallAsync("/tfplugin6.Provider/NoSuchMethod", new Empty());
        Assert.Equal(HttpStatusCode.OK, result.HttpStatus);
        Assert.True(result.TrailersOnly);
        Assert.Equal(12, result.Status);
        Assert.Empty(result.Messages);
    }

    [Theory]
    [InlineData("plugin")]
    [InlineData("")]
    public async Task HealthCheckIsServing(string service)
    {
        var result = await Client.CallAsync("/grpc.health.v1.Health/Check", new HealthCheckRequest { Service = service });
        Assert.Equal(0, result.Status);
        var response = HealthCheckResponse.Parser.ParseFrom(Assert.Single(result.Messages));
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
    }

    [Fact]
    public async Task HealthCheckOfUnknownServiceIsNotFound()
    {
        var result = await Client.CallAsync("/grpc.health.v1.Health/Check", new HealthCheckRequest { Service = "nope" });
        Assert.Equal(5, result.Status);
    }

    [Theory]
    [InlineData(new byte[] { 0, 0, 0, 0, 10, 1, 2, 3 }, 13)] // truncated message
    [InlineData(new byte[] { 0, 0, 0 }, 13)] // truncated header
    [InlineData(new byte[] { 0, 0, 0, 0, 3, 0xFF, 0xFF, 0xFF }, 2)] // not protobuf: the parser fails inside the call
    [InlineData(new byte[] { 1, 0, 0, 0, 2, 10, 0 }, 13)] // compressed without negotiation
    [InlineData(new byte[] { }, 13)] // no message at all
    [InlineData(new byte[] { 0, 0, 0, 0, 2, 10, 0, 0, 0, 0, 0, 2, 10, 0 }, 13)] // two messages in a unary call
    public async Task GarbledRequestGetsAnErrorAndTheNextCallSucceeds(byte[] body, int status)
    {
        var bad = await Client.CallAsync("/test.Test/Echo", body);
        Assert.Equal(HttpStatusCode.OK, bad.HttpStatus);
        Assert.Equal(status, bad.Status);
        Assert.False(string.IsNullOrEmpty(bad.Message));
        Assert.Empty(bad.Messages);

        var good = await Client.CallAsync("/test.Test/Echo", new StringValue { Value = "still here" });
        Assert.Equal(0, good.Status);
        Assert.Equal("still here", StringValue.Parser.ParseFrom(Assert.Single(good.Messages)).Value);
    }

    [Fact]
    public async Task OversizedMessageIsResourceExhausted()
    {
        // The header announces 300 MiB; only the header is sent.
        var result = await Client.CallAsync("/test.Test/Echo", [0, 0x12, 0xC0, 0, 0]);
        Assert.Equal(8, result.Status);
    }

    [Fact]
    public async Task LargeMessagesRoundTrip()
    {
        var big = new string('s', 8 * 1024 * 1024);
        var result = await Client.CallAsync("/test.Test/Echo", new StringValue { Value = big });
        Assert.Equal(0, result.Status);
        Assert.Equal(big.Length, StringValue.Parser.ParseFrom(Assert.Single(result.Messages)).Value.Length);
    }

    [Fact]
    public async Task RequestsAboveKestrelsDefaultBodyLimitAreAccepted()
    {
        // Kestrel refuses bodies over 30,000,000 bytes unless the limit is lifted; states can be bigger.
        var payload = new byte[32 * 1024 * 1024];
        Random.Shared.NextBytes(payload);
        var result = await Client.CallAsync("/test.Test/Size", new BytesValue { Value = ByteString.CopyFrom(payload) });
        Assert.Equal(0, result.Status);
        Assert.Equal(payload.Length, Int64Value.Parser.ParseFrom(Assert.Single(result.Messages)).Value);
    }

    [Fact]
    public async Task HandlerExceptionIsUnknownWithoutItsTextButLogged()
    {
        var result = await Client.CallAsync("/test.Test/Throw", new Empty());
        Assert.Equal(2, result.Status);
        Assert.False(string.IsNullOrEmpty(result.Message));
        Assert.DoesNotContain("boom", result.Message);
        Assert.True(result.TrailersOnly);
        await WaitForStderrAsync("boom: handler failed");
    }

    [Fact]
    public async Task StatusExceptionMessageIsPercentEncoded()
    {
        var text = "bad value\n100% caf\u00e9";
        var result = await Client.CallAsync("/test.Test/Status", new StringValue { Value = text });
        Assert.Equal(9, result.Status);
        Assert.Equal(text, result.Message);
        var raw = result.Response.Headers.GetValues("grpc-message").Single();
        Assert.Equal("bad value%0A100%25 caf%C3%A9", raw);
    }

    [Fact]
    public async Task ClientCancellationReachesTheHandler()
    {
        var id = Guid.NewGuid().ToString();
        using var cancel = new CancellationTokenSource();
        var slow = Client.CallAsync("/test.Test/Slow", GrpcTestClient.Frame(new StringValue { Value = id }), null, cancel.Token);

        // Cancel only once the handler runs, so the reset reaches the handler rather than the body reader.
        var started = await Client.CallAsync("/test.Test/WaitStarted", new StringValue { Value = id });
        Assert.True(BoolValue.Parser.ParseFrom(Assert.Single(started.Messages)).Value);
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => slow);

        var check = await Client.CallAsync("/test.Test/WasCancelled", new StringValue { Value = id });
        Assert.True(BoolValue.Parser.ParseFrom(Assert.Single(check.Messages)).Value);
    }

    [Fact]
    public async Task GrpcTimeoutEndsTheCallWithDeadlineExceeded()
    {
        var id = Guid.NewGuid().ToString();
        var started = System.Diagnostics.Stopwatch.StartNew();
        var result = await Client.CallAsync(
            "/test.Test/Slow",
            GrpcTestClient.Frame(new StringValue { Value = id }),
            new Dictionary<string, string> { ["grpc-timeout"] = "200m" });
        Assert.Equal(4, result.Status);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(10));

        var check = await Client.CallAsync("/test.Test/WasCancelled", new StringValue { Value = id });
        Assert.True(BoolValue.Parser.ParseFrom(Assert.Single(check.Messages)).Value);
    }

    [Fact]
    public async Task MessageInAnUnknownEncodingIsUnimplemented()
    {
        var result = await Client.CallAsync(
            "/test.Test/Echo",
            GrpcTestClient.Frame(System.Text.Encoding.ASCII.GetBytes("squashed"), flag: 1),
            new Dictionary<string, string> { ["grpc-encoding"] = "snappy" });
        Assert.Equal(12, result.Status);
        Assert.Empty(result.Messages);
        Assert.Contains("identity", result.Response.Headers.GetValues("grpc-accept-encoding").Single());
    }

    [Fact]
    public async Task SecretsNeverReachTheLogEvenAtTrace()
    {
        const string secret = "wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY";
        var result = await Client.CallAsync("/test.Test/LogSecrets", new StringValue { Value = secret });
        Assert.Equal(0, result.Status);

        var stderr = await WaitForStderrAsync("calling AWS");
        var line = stderr.Split('\n').Single(l => l.Contains("calling AWS", StringComparison.Ordinal));
        Assert.Contains("\"@level\":\"trace\"", line);
        Assert.Contains("\"region\":\"us-west-2\"", line);
        Assert.Contains("[REDACTED]", line);
        Assert.DoesNotContain(secret, stderr);
    }

    [Fact]
    public async Task ConsoleOutputGoesToStderrNotStdout()
    {
        var result = await Client.CallAsync("/test.Test/WriteConsole", new Empty());
        Assert.Equal(0, result.Status);
        await WaitForStderrAsync("stray console output");
    }

    [Fact]
    public async Task LogLinesAreHclogJson()
    {
        await Client.CallAsync("/test.Test/NotThere", new Empty());
        var stderr = await WaitForStderrAsync("NotThere");
        foreach (var line in stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith('{')))
        {
            using var doc = System.Text.Json.JsonDocument.Parse(line);
            Assert.Equal("provider", doc.RootElement.GetProperty("@module").GetString());
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$", doc.RootElement.GetProperty("@timestamp").GetString());
        }
    }

    private async Task<string> WaitForStderrAsync(string text)
    {
        for (var i = 0; i < 100; i++)
        {
            var stderr = server.Process.Stderr;
            if (stderr.Contains(text, StringComparison.Ordinal))
            {
                return stderr;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"stderr never contained '{text}': {server.Process.Stderr}");
        return string.Empty;
    }
}
