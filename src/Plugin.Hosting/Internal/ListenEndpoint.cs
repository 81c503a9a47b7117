using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace PodIdentity.Plugin.Hosting.Internal;

/// <summary>Where the server listens: a unix socket in a private folder, or a loopback TCP port.</summary>
internal sealed class ListenEndpoint : IDisposable
{
    private readonly string? _privateDirectory;

    private ListenEndpoint(string network, string address, EndPoint endPoint, string? privateDirectory)
    {
        Network = network;
        Address = address;
        EndPoint = endPoint;
        _privateDirectory = privateDirectory;
    }

    /// <summary>"unix" or "tcp", as the handshake line spells it.</summary>
    public string Network { get; }

    public string Address { get; }

    public EndPoint EndPoint { get; }

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
        return new ListenEndpoint("unix", path, new UnixDomainSocketEndPoint(path), directory.FullName);
    }

    /// <summary>A loopback port in [min, max] that is free right now (Kestrel binds it next; callers retry on a race).</summary>
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
            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                probe.Bind(new IPEndPoint(IPAddress.Loopback, port));
            }
            catch (SocketException)
            {
                continue;
            }

            var endPoint = new IPEndPoint(IPAddress.Loopback, port);
            return new ListenEndpoint("tcp", endPoint.ToString(), endPoint, null);
        }

        throw new IOException($"no free loopback TCP port between {min} and {max}");
    }

    public void Dispose()
    {
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
