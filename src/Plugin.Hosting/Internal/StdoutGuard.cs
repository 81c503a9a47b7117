using System.Text;

namespace PodIdentity.Plugin.Hosting.Internal;

/// <summary>Owns the real stdout. Console.Out is pointed at stderr at once, so a stray Console.WriteLine anywhere
/// in the process can never corrupt the handshake (go-plugin logs stderr lines at debug).</summary>
internal sealed class StdoutGuard
{
    private readonly Stream _stdout;

    private StdoutGuard(Stream stdout)
    {
        _stdout = stdout;
    }

    public static StdoutGuard Take()
    {
        var stdout = Console.OpenStandardOutput();
        Console.SetOut(Console.Error);
        return new StdoutGuard(stdout);
    }

    /// <summary>Writes and flushes text in a single write call.</summary>
    public void Write(string text)
    {
        _stdout.Write(Encoding.UTF8.GetBytes(text));
        _stdout.Flush();
    }
}
