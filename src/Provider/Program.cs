using System.Reflection;
using PodIdentity.Plugin.Framework;
using PodIdentity.Plugin.Logging;
using PodIdentity.Provider;

// Nothing may be written to stdout here: the first stdout line belongs to the go-plugin handshake.
// The version comes from the repository's VERSION file (Directory.Build.props), as does the `make install` mirror path.
Log.Info("terraform-provider-aws starting", ("version", typeof(AwsProvider).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion));
return await ProviderServer.RunAsync(args, "registry.terraform.io/podidentity/aws", new AwsProvider()).ConfigureAwait(false);
