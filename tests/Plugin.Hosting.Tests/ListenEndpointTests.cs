using System.Net;
using System.Net.Sockets;
using PodIdentity.Plugin.Hosting.Internal;

namespace PodIdentity.Plugin.Hosting.Tests;

public sealed class ListenEndpointTests
{
    [Fact]
    public void UnixSocketListensBeforeKestrelAndSurvivesTheHandOverAndAGarbageCollection()
    {
        using var endpoint = ListenEndpoint.CreateUnix(null);
        Assert.Equal("unix", endpoint.Network);
        using (var early = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            early.Connect(new UnixDomainSocketEndPoint(endpoint.Address)); // queued in the backlog
        }

        var handed = endpoint.TakeForKestrel();
        using var owner = new SafeSocketHandle((IntPtr)(long)handed.FileHandle, ownsHandle: true);

        // Our own Socket object is garbage now; finalizing it must neither close the descriptor nor delete the path.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.True(File.Exists(endpoint.Address), "the socket file is still there");
        using var client = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        client.Connect(new UnixDomainSocketEndPoint(endpoint.Address));
        using var listener = new Socket(owner);
        using var accepted = listener.Accept(); // the early connection
        Assert.NotNull(accepted);
    }

    [Fact]
    public void TcpPortIsBoundOnLoopbackInsideTheRange()
    {
        using var endpoint = ListenEndpoint.CreateTcp("20000", "20100");
        Assert.Equal("tcp", endpoint.Network);
        var address = IPEndPoint.Parse(endpoint.Address);
        Assert.Equal(IPAddress.Loopback, address.Address);
        Assert.InRange(address.Port, 20000, 20100);

        // Taken: a second bind of the same port fails, so nobody can steal it before Kestrel starts.
        using var rival = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        Assert.Throws<SocketException>(() => rival.Bind(address));
    }

    [Fact]
    public void DisposingRemovesThePrivateFolder()
    {
        string folder;
        using (var endpoint = ListenEndpoint.CreateUnix(null))
        {
            folder = Path.GetDirectoryName(endpoint.Address)!;
            Assert.True(Directory.Exists(folder));
        }

        Assert.False(Directory.Exists(folder));
    }
}
