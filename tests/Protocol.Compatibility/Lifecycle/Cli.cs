using PodIdentity.Protocol.Compatibility.Clients;
using PodIdentity.Protocol.Compatibility.GoPlugin;

namespace PodIdentity.Protocol.Compatibility.Lifecycle;

/// <summary>
/// One client release running commands: each command is a new CLI process with an empty schema cache, each walk of
/// it a new provider process. The first process of a command fetches the schemas; later ones reuse them when the
/// provider set get_provider_schema_optional, and otherwise call GetProviderSchema again (Terraform refetches the
/// identity schemas with it, OpenTofu 1.12 keeps its cached ones).
/// </summary>
/// <param name="logDirectory">Where each provider process's log (its stderr) is kept, one file per process.</param>
internal sealed class Cli(ClientProfile profile, string providerBinary, IReadOnlyDictionary<string, string?> environment, string logDirectory)
{
    private static int s_processes;
    private ProviderSchemas? _cache;

    public ClientProfile Profile => profile;

    /// <summary>Every call of every process, with a "command/walk" marker line before each process.</summary>
    public List<string> Calls { get; } = [];

    public ProviderSchemas Schemas => _cache ?? throw new InvalidOperationException("no command has run yet");

    public void NewCommand(string name)
    {
        _cache = null;
        Calls.Add("# " + name);
    }

    public async Task<T> WalkAsync<T>(Walk walk, Func<ProviderSession, Task<T>> body)
    {
        Calls.Add("## " + walk.ToString().ToLowerInvariant() + " walk");
        var log = Path.Combine(logDirectory,
            $"{Interlocked.Increment(ref s_processes):D3}-{profile.Product.ToLowerInvariant()}-{profile.Minor}-{walk.ToString().ToLowerInvariant()}.log");
        var plugin = await PluginProcess.StartAsync(providerBinary, profile.Launch, environment, log);
        await using var session = new ProviderSession(plugin, profile, walk, Calls);
        if (_cache is null)
        {
            _cache = await session.FetchSchemasAsync(profile.SendsIdentity);
        }
        else if (!_cache.GetProviderSchemaOptional)
        {
            if (profile.RefetchesIdentitySchemasWithSchema)
            {
                await session.FetchSchemasAsync(withIdentities: true);
            }
            else
            {
                await session.GetProviderSchemaOnlyAsync();
            }
        }

        session.UseCachedSchemas(_cache);
        var result = await body(session);
        await session.CloseAsync();
        return result;
    }

    public Task WalkAsync(Walk walk, Func<ProviderSession, Task> body) =>
        WalkAsync(walk, async s =>
        {
            await body(s);
            return true;
        });
}
