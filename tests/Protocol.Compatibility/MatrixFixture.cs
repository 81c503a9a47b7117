using PodIdentity.Protocol.Compatibility.Clients;
using PodIdentity.Protocol.Compatibility.Lifecycle;

namespace PodIdentity.Protocol.Compatibility;

/// <summary>One emulator for the whole matrix; each case works in its own namespace of the seeded cluster.</summary>
public sealed class MatrixFixture : IAsyncLifetime
{
    private EmulatorProcess? _emulator;

    public string ProviderBinary { get; } = Path.Combine(TestPaths.ProviderDir, "terraform-provider-aws");

    public string Scratch { get; } = Directory.CreateTempSubdirectory("protocol-matrix-").FullName;

    public Uri Emulator => (_emulator ?? throw new InvalidOperationException("the emulator is not running")).BaseUrl;

    public async Task InitializeAsync()
    {
        foreach (var binary in new[] { ProviderBinary, TestPaths.EmulatorBinary })
        {
            if (!File.Exists(binary))
            {
                throw new FileNotFoundException($"{binary} is missing: run `make build` (or set TF_PROVIDER_DIR and AWS_EMULATOR_BIN)");
            }
        }

        _emulator = await EmulatorProcess.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }

        Directory.Delete(Scratch, recursive: true);
    }

    internal AssociationLifecycle Lifecycle(ClientProfile profile, string purpose)
    {
        var cli = new Cli(profile, ProviderBinary, ProviderSetup.Environment(Scratch), Path.Combine(Scratch, "provider-logs"));
        var slug = string.Concat(profile.Product.ToLowerInvariant().Take(2)) + "-" + profile.Minor.Replace('.', '-');
        return new AssociationLifecycle(cli, Emulator, $"matrix-{slug}-{purpose}");
    }
}

[CollectionDefinition(Name)]
public sealed class MatrixCollection : ICollectionFixture<MatrixFixture>
{
    public const string Name = "client matrix";
}
