using System.Globalization;
using System.Net;

namespace PodIdentity.Emulator.Hosting;

/// <summary>Command-line settings. Unknown flags are errors, so a typo never silently changes behaviour.</summary>
internal sealed record EmulatorOptions
{
    public IPEndPoint Listen { get; init; } = new(IPAddress.Loopback, 4599);
    public string AccountId { get; init; } = "123456789012";
    public IReadOnlyDictionary<string, string> Credentials { get; init; } =
        new Dictionary<string, string>(StringComparer.Ordinal) { ["test"] = "test" };
    public string? SeedFile { get; init; }
    public string? StateFile { get; init; }
    public double AddonTransitionSeconds { get; init; } = 1;

    public const int MaxBodyBytes = 1024 * 1024;

    public static EmulatorOptions Parse(IReadOnlyList<string> args)
    {
        var options = new EmulatorOptions();
        Dictionary<string, string>? credentials = null;
        for (var i = 0; i < args.Count; i++)
        {
            var flag = args[i];
            string? inline = null;
            var eq = flag.IndexOf('=');
            if (flag.StartsWith("--", StringComparison.Ordinal) && eq > 0)
            {
                inline = flag[(eq + 1)..];
                flag = flag[..eq];
            }
            string Value() => inline ?? (i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{flag} needs a value"));
            switch (flag)
            {
                case "--listen":
                    options = options with { Listen = ParseListen(Value()) };
                    break;
                case "--account-id":
                    var account = Value();
                    if (account.Length != 12 || !account.All(char.IsAsciiDigit))
                    {
                        throw new ArgumentException("--account-id must be 12 digits");
                    }
                    options = options with { AccountId = account };
                    break;
                case "--credentials":
                    var pair = Value();
                    var colon = pair.IndexOf(':');
                    if (colon <= 0 || colon == pair.Length - 1)
                    {
                        throw new ArgumentException("--credentials must be AKID:SECRET");
                    }
                    credentials ??= new Dictionary<string, string>(StringComparer.Ordinal);
                    credentials[pair[..colon]] = pair[(colon + 1)..];
                    break;
                case "--seed":
                    options = options with { SeedFile = Value() };
                    break;
                case "--state":
                    options = options with { StateFile = Value() };
                    break;
                case "--addon-transition":
                    if (!double.TryParse(Value(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || seconds < 0)
                    {
                        throw new ArgumentException("--addon-transition must be a non-negative number of seconds");
                    }
                    options = options with { AddonTransitionSeconds = seconds };
                    break;
                default:
                    throw new ArgumentException($"unknown flag {flag}");
            }
        }
        return credentials is null ? options : options with { Credentials = credentials };
    }

    /// <summary>HOST:PORT on a loopback address only: the emulator accepts any signature it knows, so it stays private.</summary>
    private static IPEndPoint ParseListen(string value)
    {
        var colon = value.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(value[(colon + 1)..], out var port) || port is < 0 or > 65535)
        {
            throw new ArgumentException("--listen must be HOST:PORT");
        }
        var host = value[..colon].Trim('[', ']');
        var address = host == "localhost" ? IPAddress.Loopback
            : IPAddress.TryParse(host, out var parsed) ? parsed
            : throw new ArgumentException($"--listen host {host} is not an IP address");
        if (!IPAddress.IsLoopback(address))
        {
            throw new ArgumentException("--listen must use a loopback address (127.0.0.1 or ::1)");
        }
        return new IPEndPoint(address, port);
    }
}
