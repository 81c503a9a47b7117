using PodIdentity.Plugin.Framework;
using PodIdentity.Provider;

// Nothing may be written to stdout here: the first stdout line belongs to the go-plugin handshake.
return await ProviderServer.RunAsync(args, "registry.terraform.io/podidentity/aws", new AwsProvider()).ConfigureAwait(false);
