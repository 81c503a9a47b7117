using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;

namespace PodIdentity.Plugin.Hosting.Internal;

/// <summary>
/// Where the server listens: a unix socket in a private folder, or a loopback TCP port. The socket is bound and
/// listening as soon as this exists, before Kestrel starts: the handshake line can go out while Kestrel is still
/// starting (connections wait in the kernel's backlog), and a TCP port is never lost between a probe and a bind.
/// </summary>
internal sealed class ListenEndpoint : IDisposable
{
    private const int Backlog = 512;

    private readonly string? _privateDirectory;
    private Socket? _socket;

    private ListenEndpoint(string network, string address, Socket socket, string? privateDirectory)
    {
        Network = network;
        Address = address;
        _socket = socket;
        _privateDirectory = privateDirectory;
    }

    /// <summary>"unix" or "tcp", as the handshake line spells it.</summary>
    public string Network { get; }

    public string Address { get; }

    /// <summary>Hands the listening socket to Kestrel, which owns (and closes) it from then on.</summary>
    public FileHandleEndPoint TakeForKestrel()
    {
        var socket = _socket ?? throw new InvalidOperationException("the listening socket was already handed over");
        _socket = null;
        var handle = (ulong)socket.Handle;

        // Kestrel wraps the same descriptor in a handle of its own; ours must never close it, and our Socket must
        // never be finalized either: disposing a Socket bound to a unix path also deletes the socket file, which
        // would leave Kestrel listening where nobody can connect. The folder's removal deletes the file at exit.
        socket.SafeHandle.SetHandleAsInvalid();
        GC.SuppressFinalize(socket);
        return new FileHandleEndPoint(handle, FileHandleType.Auto);
    }

    /// <summary>A fresh folder only we can enter (0700), so no other user can reach the socket.</summary>
    public static ListenEndpoint CreateUnix(string? parentDirectory)
    {
        DirectoryInfo directory;
        if (!string.IsNullOrEmpty(parentDirectory) && Directory.Exists(parentDirectory))
        {
            directory = Directory.CreateDirectory(Path.Combine(parentDirectory, "plugin" + Guid.NewGuid().ToString("N")[..12]));
        }
        else
        {
            directory = Directory.CreateTempSubdirectory("plugin");
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(directory.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var path = Path.Combine(directory.FullName, "plugin.sock");
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Bind(new UnixDomainSocketEndPoint(path));
            socket.Listen(Backlog);
        }
        catch
        {
            socket.Dispose();
            Directory.Delete(directory.FullName, recursive: true);
            throw;
        }

        return new ListenEndpoint("unix", path, socket, directory.FullName);
    }

    /// <summary>A loopback port in [min, max], bound and listening.</summary>
    public static ListenEndpoint CreateTcp(string? minPort, string? maxPort)
    {
        var min = ParsePort(minPort, 10000);
        var max = ParsePort(maxPort, 25000);
        if (max < min)
        {
            (min, max) = (max, min);
        }

        var span = max - min + 1;
        var start = Random.Shared.Next(span);
        for (var i = 0; i < Math.Min(span, 200); i++)
        {
            var port = min + ((start + i) % span);
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            var endPoint = new IPEndPoint(IPAddress.Loopback, port);
            try
            {
                socket.Bind(endPoint);
                socket.Listen(Backlog);
            }
            catch (SocketException)
            {
                socket.Dispose();
                continue;
            }

            return new ListenEndpoint("tcp", endPoint.ToString(), socket, null);
        }

        throw new IOException($"no free loopback TCP port between {min} and {max}");
    }

    public void Dispose()
    {
        _socket?.Dispose();
        _socket = null;
        if (_privateDirectory is null)
        {
            return;
        }

        try
        {
            Directory.Delete(_privateDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static int ParsePort(string? value, int fallback) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535
            ? port
            : fallback;
}
