using System.Net.Security;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PodIdentity.Aws.Clients;

/// <summary>
/// The system's trusted roots for AWS endpoints on Linux, read by us from where .NET would read them: the file
/// (SSL_CERT_FILE, else OpenSSL's default), then every file of each directory (SSL_CERT_DIR, colon-separated, else
/// OpenSSL's default, else /etc/ssl/certs), PEM or DER, plus the current user's .NET Root store. Self-signed
/// certificates are trust anchors, the others intermediates.
/// Why our own copy: the plugin host leaves the process-wide .NET store empty (Plugin.Hosting ServerTls), because
/// loading it cost every process Terraform starts 40-80 ms for a connection that trusts one pinned certificate. Only
/// a process that validates an AWS certificate pays for this load, once, at its first HTTPS handshake.
/// </summary>
internal sealed class SystemTrust
{
    private const string DefaultDirectory = "/etc/ssl/certs";

    // One load per set of locations for the whole process: every ConfigureProvider builds new clients.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Anchors>> Loaded = new(StringComparer.Ordinal);

    private readonly Lazy<Anchors> _anchors;

    public SystemTrust(IReadOnlyDictionary<string, string> environment)
    {
        _anchors = new Lazy<Anchors>(() =>
        {
            var locations = Locations.From(environment);
            return Loaded.GetOrAdd(locations.Key, _ => new Lazy<Anchors>(() => Load(locations))).Value;
        });
    }

    /// <summary>The roots and intermediates this instance checks against (loaded on first use).</summary>
    internal Anchors Certificates => _anchors.Value;

    /// <summary>Where .NET reads the system store through OpenSSL (and the host empties it).</summary>
    public static bool Applies => OperatingSystem.IsLinux() || OperatingSystem.IsFreeBSD();

    public bool Validate(X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        var anchors = Certificates;
        return CertificateTrust.Validate(certificate, chain, errors, anchors.Roots, anchors.Intermediates);
    }

    internal static Anchors Load(Locations locations)
    {
        var anchors = new Anchors();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Add(X509Certificate2 certificate)
        {
            if (!seen.Add(certificate.Thumbprint))
            {
                certificate.Dispose();
                return;
            }

            var selfSigned = certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData);
            (selfSigned ? anchors.Roots : anchors.Intermediates).Add(certificate);
        }

        if (locations.File is { Length: > 0 } file)
        {
            ReadFile(file, Add);
        }

        var found = false;
        foreach (var directory in locations.Directories)
        {
            found |= ReadDirectory(directory, Add);
        }

        if (!found && locations.DirectoriesAreDefault)
        {
            ReadDirectory(DefaultDirectory, Add);
        }

        try
        {
            using var user = new X509Store(StoreName.Root, StoreLocation.CurrentUser);
            user.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly);
            foreach (var certificate in user.Certificates)
            {
                if (seen.Add(certificate.Thumbprint))
                {
                    anchors.Roots.Add(certificate);
                }
                else
                {
                    certificate.Dispose();
                }
            }
        }
        catch (CryptographicException)
        {
            // No user store: nothing to add.
        }

        return anchors;
    }

    private static bool ReadDirectory(string directory, Action<X509Certificate2> add)
    {
        if (!Directory.Exists(directory))
        {
            return false;
        }

        var found = false;
        foreach (var file in Directory.EnumerateFiles(directory))
        {
            found |= ReadFile(file, add);
        }

        return found;
    }

    /// <summary>Every CERTIFICATE block of a PEM file, or the file as one DER certificate. Unreadable files and
    /// malformed certificates are skipped, as .NET does.</summary>
    private static bool ReadFile(string path, Action<X509Certificate2> add)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }

        var found = false;
        var text = System.Text.Encoding.ASCII.GetString(bytes).AsSpan();
        if (text.Contains("-----BEGIN", StringComparison.Ordinal))
        {
            while (PemEncoding.TryFind(text, out var fields))
            {
                if (text[fields.Label].SequenceEqual("CERTIFICATE") && TryLoad(Convert.FromBase64String(text[fields.Base64Data].ToString()), add))
                {
                    found = true;
                }

                text = text[fields.Location.End.Value..];
            }

            return found;
        }

        return TryLoad(bytes, add);
    }

    private static bool TryLoad(byte[] der, Action<X509Certificate2> add)
    {
        try
        {
            add(X509CertificateLoader.LoadCertificate(der));
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    internal sealed class Anchors
    {
        public X509Certificate2Collection Roots { get; } = [];

        public X509Certificate2Collection Intermediates { get; } = [];
    }

    /// <summary>The file and directories .NET's store would read, from the environment the process started with.</summary>
    internal sealed record Locations(string? File, IReadOnlyList<string> Directories, bool DirectoriesAreDefault)
    {
        public string Key => $"{File}\n{string.Join('\n', Directories)}\n{DirectoriesAreDefault}";

        public static Locations From(IReadOnlyDictionary<string, string> environment)
        {
            var file = environment.TryGetValue("SSL_CERT_FILE", out var f) ? f : OpenSslDefaults.CertificateFile();
            var fromEnvironment = environment.TryGetValue("SSL_CERT_DIR", out var d);
            var directories = (fromEnvironment ? d : OpenSslDefaults.CertificateDirectory()) ?? "";
            return new Locations(
                string.IsNullOrEmpty(file) ? null : Path.GetFullPath(file),
                directories.Split(':', StringSplitOptions.RemoveEmptyEntries).Select(Path.GetFullPath).ToArray(),
                !fromEnvironment);
        }
    }

    /// <summary>OpenSSL's compiled-in locations (its OPENSSLDIR differs by distribution), from the libcrypto .NET
    /// itself uses.</summary>
    private static unsafe class OpenSslDefaults
    {
        private static readonly string[] Libraries = ["libcrypto.so.3", "libcrypto.so.1.1", "libcrypto.so"];

        public static string? CertificateFile() => Call("X509_get_default_cert_file");

        public static string? CertificateDirectory() => Call("X509_get_default_cert_dir");

        private static string? Call(string export)
        {
            foreach (var library in Libraries)
            {
                if (NativeLibrary.TryLoad(library, out var handle) && NativeLibrary.TryGetExport(handle, export, out var function))
                {
                    return Marshal.PtrToStringUTF8(((delegate* unmanaged<nint>)function)());
                }
            }

            return null;
        }
    }
}

/// <summary>Certificate checks for AWS endpoints that trust a given set of roots instead of .NET's store.</summary>
internal static class CertificateTrust
{
    /// <summary>Rebuilds the chain SslStream made (its policy keeps the server's intermediates, the server-auth
    /// usage and the revocation mode) against <paramref name="roots"/>; the host name must already match.</summary>
    public static bool Validate(
        X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors, X509Certificate2Collection roots, X509Certificate2Collection? intermediates = null)
    {
        if (certificate is null || (errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) != 0)
        {
            return false;
        }

        using var rebuilt = new X509Chain();
        if (chain is not null)
        {
            rebuilt.ChainPolicy = chain.ChainPolicy.Clone();
        }
        else
        {
            rebuilt.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        }

        rebuilt.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        rebuilt.ChainPolicy.CustomTrustStore.AddRange(roots);
        if (intermediates is not null)
        {
            rebuilt.ChainPolicy.ExtraStore.AddRange(intermediates);
        }

        var leaf = certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        try
        {
            return rebuilt.Build(leaf);
        }
        finally
        {
            foreach (var element in rebuilt.ChainElements)
            {
                element.Certificate.Dispose();
            }

            if (!ReferenceEquals(leaf, certificate))
            {
                leaf.Dispose();
            }
        }
    }
}
