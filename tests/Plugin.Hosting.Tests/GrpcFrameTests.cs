using System.Buffers;
using PodIdentity.Plugin.Hosting.Internal;

namespace PodIdentity.Plugin.Hosting.Tests;

public sealed class GrpcFrameTests
{
    private static ReadOnlySequence<byte> Seq(params byte[] bytes) => new(bytes);

    /// <summary>A body split across segments, as Kestrel's pipe may deliver it.</summary>
    private static ReadOnlySequence<byte> Split(byte[] bytes, int at)
    {
        var first = new Segment(bytes[..at]);
        var last = first.Append(bytes[at..]);
        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    [Fact]
    public void ParsesOneMessage()
    {
        var result = GrpcFrame.ParseSingle(Seq(0, 0, 0, 0, 3, 10, 1, 65), 100);
        Assert.True(result.IsOk);
        Assert.Equal(new byte[] { 10, 1, 65 }, result.Payload.ToArray());
    }

    [Fact]
    public void ParsesEmptyMessage()
    {
        var result = GrpcFrame.ParseSingle(Seq(0, 0, 0, 0, 0), 100);
        Assert.True(result.IsOk);
        Assert.True(result.Payload.IsEmpty);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(6)]
    public void ParsesAcrossSegments(int at)
    {
        var result = GrpcFrame.ParseSingle(Split([0, 0, 0, 0, 3, 10, 1, 65], at), 100);
        Assert.True(result.IsOk);
        Assert.Equal(new byte[] { 10, 1, 65 }, result.Payload.ToArray());
    }

    [Fact]
    public void ReadsBigEndianLength()
    {
        var body = new byte[5 + 0x010203];
        body[2] = 0x01;
        body[3] = 0x02;
        body[4] = 0x03;
        var result = GrpcFrame.ParseSingle(Seq(body), int.MaxValue);
        Assert.True(result.IsOk);
        Assert.Equal(0x010203, result.Payload.Length);
    }

    [Fact]
    public void EmptyBodyIsAnError()
    {
        var result = GrpcFrame.ParseSingle(Seq(), 100);
        Assert.Equal(GrpcStatusCode.Internal, result.Status);
    }

    [Fact]
    public void TruncatedHeaderIsAnError()
    {
        var result = GrpcFrame.ParseSingle(Seq(0, 0, 0), 100);
        Assert.Equal(GrpcStatusCode.Internal, result.Status);
        Assert.Contains("header", result.Error);
    }

    [Fact]
    public void TruncatedMessageIsAnError()
    {
        var result = GrpcFrame.ParseSingle(Seq(0, 0, 0, 0, 10, 1, 2, 3), 100);
        Assert.Equal(GrpcStatusCode.Internal, result.Status);
        Assert.Contains("3 of 10", result.Error);
    }

    [Fact]
    public void TrailingBytesAreAnError()
    {
        var result = GrpcFrame.ParseSingle(Seq(0, 0, 0, 0, 1, 7, 0, 0, 0, 0, 0), 100);
        Assert.Equal(GrpcStatusCode.Internal, result.Status);
        Assert.Contains("exactly one", result.Error);
    }

    [Fact]
    public void CompressedFlagIsRefused()
    {
        var result = GrpcFrame.ParseSingle(Seq(1, 0, 0, 0, 1, 7), 100);
        Assert.Equal(GrpcStatusCode.Internal, result.Status);
        Assert.Contains("compress", result.Error);
    }

    [Fact]
    public void InvalidFlagIsRefused()
    {
        Assert.Equal(GrpcStatusCode.Internal, GrpcFrame.ParseSingle(Seq(7, 0, 0, 0, 1, 7), 100).Status);
    }

    [Fact]
    public void OversizedMessageIsRefusedFromTheHeaderAlone()
    {
        // 0x80000000 bytes announced: refused before any payload arrives.
        var check = GrpcFrame.CheckHeader(Seq(0, 0x80, 0, 0, 0), GrpcProtocol.MaxMessageSize);
        Assert.NotNull(check);
        Assert.Equal(GrpcStatusCode.ResourceExhausted, check.Value.Status);
        Assert.Null(GrpcFrame.CheckHeader(Seq(0, 0, 0, 1, 0), GrpcProtocol.MaxMessageSize));
        Assert.Null(GrpcFrame.CheckHeader(Seq(0, 0), GrpcProtocol.MaxMessageSize));
    }

    [Fact]
    public void MessageAtTheCapIsAllowed()
    {
        var result = GrpcFrame.ParseSingle(Seq(0, 0, 0, 0, 4, 1, 2, 3, 4), 4);
        Assert.True(result.IsOk);
        Assert.Equal(GrpcStatusCode.ResourceExhausted, GrpcFrame.ParseSingle(Seq(0, 0, 0, 0, 5, 1, 2, 3, 4, 5), 4).Status);
    }

    [Fact]
    public void WritesHeader()
    {
        var header = new byte[5];
        GrpcFrame.WriteHeader(header, 0x01020304);
        Assert.Equal(new byte[] { 0, 1, 2, 3, 4 }, header);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(byte[] data) => Memory = data;

        public Segment Append(byte[] data)
        {
            var next = new Segment(data) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }
}
