using System.Security.Cryptography.X509Certificates;
using PodIdentity.TestSupport;
using Xunit;

namespace PodIdentity.Aws.Clients.Tests;

/// <summary>Where the system roots for AWS endpoints are read from, and how they are sorted.</summary>
public sealed class SystemTrustTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("system-trust-");

    public void Dispose() => _dir.Delete(recursive: true);

    private string WriteFile(string name, string content)
    {
        var path = Path.Combine(_dir.FullName, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public void Reads_the_file_then_every_file_of_each_directory_and_sorts_roots_from_intermediates()
    {
        using var rootA = TestCertificates.Authority("root-a");
        using var rootB = TestCertificates.Authority("root-b");
        using var intermediate = TestCertificates.Authority("intermediate", rootA);
        var bundle = WriteFile("bundle.pem", rootA.ExportCertificatePem() + "\n" + intermediate.ExportCertificatePem());
        WriteFile("one/b.pem", "# a comment\n" + rootB.ExportCertificatePem());
        File.WriteAllBytes(Path.Combine(_dir.FullName, "one", "a.der"), rootA.RawData); // the bundle's root again
        WriteFile("one/notes.txt", "not a certificate");
        WriteFile("two/key.pem", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");

        var anchors = SystemTrust.Load(new SystemTrust.Locations(
            bundle, [Path.Combine(_dir.FullName, "one"), Path.Combine(_dir.FullName, "two"), Path.Combine(_dir.FullName, "missing")], false));

        Assert.Equal(
            new[] { rootA.Thumbprint, rootB.Thumbprint }.Order(),
            anchors.Roots.Where(c => c.Subject.StartsWith("CN=root-", StringComparison.Ordinal)).Select(c => c.Thumbprint).Order());
        Assert.Equal(intermediate.Thumbprint, Assert.Single(anchors.Intermediates).Thumbprint);
    }

    [Fact]
    public void The_same_locations_are_read_once_per_process()
    {
        using var root = TestCertificates.Authority("root-once");
        var file = WriteFile("once.pem", root.ExportCertificatePem());
        var environment = new Dictionary<string, string> { ["SSL_CERT_FILE"] = file, ["SSL_CERT_DIR"] = "" };

        var first = new SystemTrust(environment).Certificates;
        File.Delete(file);
        var second = new SystemTrust(environment).Certificates;

        Assert.Same(first, second);
        Assert.Contains(second.Roots, c => c.Thumbprint == root.Thumbprint);
    }

    [Fact]
    public void The_environment_names_the_locations_and_an_empty_value_means_none()
    {
        var file = WriteFile("roots.pem", "");
        var locations = SystemTrust.Locations.From(new Dictionary<string, string>
        {
            ["SSL_CERT_FILE"] = file,
            ["SSL_CERT_DIR"] = $"{_dir.FullName}/a:{_dir.FullName}/b:",
        });
        Assert.Equal(file, locations.File);
        Assert.Equal([Path.Combine(_dir.FullName, "a"), Path.Combine(_dir.FullName, "b")], locations.Directories);
        Assert.False(locations.DirectoriesAreDefault);

        var none = SystemTrust.Locations.From(new Dictionary<string, string> { ["SSL_CERT_FILE"] = "", ["SSL_CERT_DIR"] = "" });
        Assert.Null(none.File);
        Assert.Empty(none.Directories);
        Assert.False(none.DirectoriesAreDefault);
    }

    [Fact]
    public void Without_the_variables_it_reads_openssls_own_locations()
    {
        if (!SystemTrust.Applies)
        {
            return;
        }

        var locations = SystemTrust.Locations.From(new Dictionary<string, string>());
        Assert.True(locations.DirectoriesAreDefault);
        Assert.True(Path.IsPathRooted(locations.File), $"OpenSSL's default certificate file: {locations.File}");
        Assert.NotEmpty(locations.Directories);

        // This machine has a CA bundle (ca-certificates): the same roots .NET's own store holds.
        using var store = new X509Store(StoreName.Root, StoreLocation.LocalMachine);
        store.Open(OpenFlags.ReadOnly);
        var system = store.Certificates.Select(c => c.Thumbprint).ToHashSet();
        var ours = SystemTrust.Load(locations).Roots.Select(c => c.Thumbprint).ToHashSet();
        Assert.NotEmpty(ours);
        Assert.True(system.IsSubsetOf(ours), $"{system.Except(ours).Count()} of .NET's {system.Count} roots are missing");
    }
}
