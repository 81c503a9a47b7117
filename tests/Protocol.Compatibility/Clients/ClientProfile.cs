using PodIdentity.Protocol.Compatibility.GoPlugin;

namespace PodIdentity.Protocol.Compatibility.Clients;

/// <summary>
/// One Terraform or OpenTofu release as the provider sees it: how it starts the plugin and which request fields it
/// fills. Every value comes from the release's public source at <see cref="Tag"/>; CLIENTS.md names the files.
/// </summary>
public sealed record ClientProfile(
    string Product,
    string Minor,
    string Tag,
    PluginLaunch Launch,
    CapabilitiesMode Capabilities,
    bool SendsIdentity,
    bool ImportsByIdentity,
    bool Queries,
    bool RefetchesIdentitySchemasWithSchema)
{
    /// <summary>The test case name, e.g. <c>Terraform 1.12 (v1.12.2)</c>.</summary>
    public string DisplayName => $"{Product} {Minor} ({Tag})";

    /// <summary>What ConfigureProvider's terraform_version carries: the release's own version.</summary>
    public string Version => Tag.TrimStart('v');

    public override string ToString() => DisplayName;
}
