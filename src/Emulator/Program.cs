using System.Runtime.InteropServices;
using PodIdentity.Emulator.Hosting;

namespace PodIdentity.Emulator;

internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        EmulatorOptions options;
        try
        {
            options = EmulatorOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync($"aws-emulator: {e.Message}");
            await Console.Error.WriteLineAsync("usage: aws-emulator [--listen HOST:PORT] [--account-id ID] [--credentials AKID:SECRET]... [--seed FILE] [--state FILE] [--addon-transition SECONDS]");
            return 2;
        }

        EmulatorHost host;
        try
        {
            host = await EmulatorHost.StartAsync(options);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or System.Text.Json.JsonException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"aws-emulator: cannot start: {e.Message}");
            return 1;
        }

        var stop = new TaskCompletionSource();
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.TrySetResult(); });
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.TrySetResult(); });

        // The first stdout line is the contract: tests and `make demo` read the base URL from it.
        Console.Out.WriteLine($"aws-emulator listening on {host.BaseUrl}");
        Console.Out.Flush();

        await stop.Task;
        await host.DisposeAsync();
        return 0;
    }
}
