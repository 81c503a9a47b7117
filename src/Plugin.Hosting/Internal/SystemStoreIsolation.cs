using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PodIdentity.Plugin.Hosting.Internal;

/// <summary>
/// Leaves this process's .NET system trust store empty. On Linux every X509 chain build, including the one inside
/// SslStreamCertificateContext.Create and the one SslStream makes for Terraform's certificate, first loads the whole
/// system store: 40-80 ms of every process Terraform starts (two per validate, three per plan; bench/floors/truststore),
/// for a connection that trusts exactly one pinned certificate. .NET reads the store's location (SSL_CERT_FILE,
/// SSL_CERT_DIR) from the native environment once, at that first load, and keeps it for the life of the process. So
/// the first load is made here with both pointing at /dev/null (not a file, not a directory: nothing is read), and
/// the variables are put back at once. Code in the process that trusts public roots must read them itself
/// (Aws.Clients SystemTrust does); code that doesn't fails closed, it trusts nothing.
/// </summary>
internal static unsafe class SystemStoreIsolation
{
    private static readonly string[] Variables = ["SSL_CERT_FILE", "SSL_CERT_DIR"];

    /// <summary>Call before anything in the process builds a chain, from the only running thread of ours (the
    /// native environment is not safe to change while another thread reads it). Returns whether the store is empty.</summary>
    public static bool Apply()
    {
        if (!(OperatingSystem.IsLinux() || OperatingSystem.IsFreeBSD()) || !Libc.Available)
        {
            return false;
        }

        var saved = Variables.Select(Libc.Get).ToArray();
        try
        {
            foreach (var name in Variables)
            {
                Libc.Set(name, "/dev/null");
            }

            return LoadStore() == 0;
        }
        finally
        {
            for (var i = 0; i < Variables.Length; i++)
            {
                Libc.Set(Variables[i], saved[i]);
            }
        }
    }

    /// <summary>The first load, through the public API that triggers it; returns how many roots it holds.</summary>
    private static int LoadStore()
    {
        try
        {
            using var store = new X509Store(StoreName.Root, StoreLocation.LocalMachine);
            store.Open(OpenFlags.ReadOnly);
            var roots = store.Certificates;
            foreach (var root in roots)
            {
                root.Dispose();
            }

            return roots.Count;
        }
        catch (CryptographicException ex)
        {
            Log.Debug("could not load the system trust store", ("error", ex.Message));
            return -1;
        }
    }

    /// <summary>getenv/setenv/unsetenv of the C library the process runs on, found in its global symbol scope.</summary>
    private static class Libc
    {
        private static readonly nint GetEnv = Export("getenv");
        private static readonly nint SetEnv = Export("setenv");
        private static readonly nint UnsetEnv = Export("unsetenv");

        public static bool Available => GetEnv != 0 && SetEnv != 0 && UnsetEnv != 0;

        public static string? Get(string name)
        {
            var key = Marshal.StringToCoTaskMemUTF8(name);
            try
            {
                return Marshal.PtrToStringUTF8(((delegate* unmanaged<nint, nint>)GetEnv)(key));
            }
            finally
            {
                Marshal.FreeCoTaskMem(key);
            }
        }

        public static void Set(string name, string? value)
        {
            var key = Marshal.StringToCoTaskMemUTF8(name);
            var text = value is null ? 0 : Marshal.StringToCoTaskMemUTF8(value);
            try
            {
                _ = value is null
                    ? ((delegate* unmanaged<nint, int>)UnsetEnv)(key)
                    : ((delegate* unmanaged<nint, nint, int, int>)SetEnv)(key, text, 1);
            }
            finally
            {
                Marshal.FreeCoTaskMem(key);
                Marshal.FreeCoTaskMem(text);
            }
        }

        private static nint Export(string name) =>
            NativeLibrary.TryGetExport(NativeLibrary.GetMainProgramHandle(), name, out var address) ? address : 0;
    }
}
