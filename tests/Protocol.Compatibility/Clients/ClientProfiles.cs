using PodIdentity.Protocol.Compatibility.GoPlugin;

namespace PodIdentity.Protocol.Compatibility.Clients;

/// <summary>The clients of the matrix, each at the tag its facts were read from (see CLIENTS.md).</summary>
public static class ClientProfiles
{
    // Both products offer protocols 5 and 6 (VersionedPlugins in internal/plugin/plugin.go); go-plugin joins the
    // keys of a Go map, so the order varies: one order per product here, both orders across the matrix.
    private static readonly int[] FiveSix = [5, 6];
    private static readonly int[] SixFive = [6, 5];

    public static readonly ClientProfile Terraform111 = new(
        "Terraform", "1.11", "v1.11.4",
        new PluginLaunch(HandshakeParsing.SplitAll, FiveSix), // go-plugin v1.6.0, grpc-go v1.59.0
        CapabilitiesMode.TerraformPerWalk, SendsIdentity: false, ImportsByIdentity: false, Queries: false,
        RefetchesIdentitySchemasWithSchema: false);

    public static readonly ClientProfile Terraform112 = new(
        "Terraform", "1.12", "v1.12.2",
        new PluginLaunch(HandshakeParsing.SplitAll, SixFive), // go-plugin v1.6.3, grpc-go v1.69.4
        CapabilitiesMode.TerraformPerWalk, SendsIdentity: true, ImportsByIdentity: true, Queries: false,
        RefetchesIdentitySchemasWithSchema: true);

    public static readonly ClientProfile Terraform114 = new(
        "Terraform", "1.14", "v1.14.9",
        new PluginLaunch(HandshakeParsing.SplitAll, FiveSix), // go-plugin v1.7.0, grpc-go v1.80.0
        CapabilitiesMode.TerraformPerWalk, SendsIdentity: true, ImportsByIdentity: true, Queries: true,
        RefetchesIdentitySchemasWithSchema: true);

    public static readonly ClientProfile OpenTofu18 = new(
        "OpenTofu", "1.8", "v1.8.11",
        new PluginLaunch(HandshakeParsing.SplitN6, SixFive), // go-plugin v1.4.3, grpc-go v1.62.1
        CapabilitiesMode.None, SendsIdentity: false, ImportsByIdentity: false, Queries: false,
        RefetchesIdentitySchemasWithSchema: false);

    public static readonly ClientProfile OpenTofu19 = new(
        "OpenTofu", "1.9", "v1.9.4",
        new PluginLaunch(HandshakeParsing.SplitN6, FiveSix), // go-plugin v1.4.3, grpc-go v1.62.1
        CapabilitiesMode.None, SendsIdentity: false, ImportsByIdentity: false, Queries: false,
        RefetchesIdentitySchemasWithSchema: false);

    public static readonly ClientProfile OpenTofu110 = new(
        "OpenTofu", "1.10", "v1.10.10",
        new PluginLaunch(HandshakeParsing.SplitN6, SixFive), // go-plugin v1.4.3, grpc-go v1.62.1
        CapabilitiesMode.None, SendsIdentity: false, ImportsByIdentity: false, Queries: false,
        RefetchesIdentitySchemasWithSchema: false);

    public static readonly ClientProfile OpenTofu111 = new(
        "OpenTofu", "1.11", "v1.11.14",
        new PluginLaunch(HandshakeParsing.SplitAll, FiveSix), // go-plugin v1.7.0, grpc-go v1.79.3
        CapabilitiesMode.WriteOnlyOnly, SendsIdentity: false, ImportsByIdentity: false, Queries: false,
        RefetchesIdentitySchemasWithSchema: false);

    public static readonly ClientProfile OpenTofu112 = new(
        "OpenTofu", "1.12", "v1.12.6",
        new PluginLaunch(HandshakeParsing.SplitAll, SixFive), // go-plugin v1.7.0, grpc-go v1.79.3
        CapabilitiesMode.WriteOnlyOnly, SendsIdentity: true, ImportsByIdentity: true, Queries: false,
        RefetchesIdentitySchemasWithSchema: false);

    public static IReadOnlyList<ClientProfile> All { get; } =
    [
        Terraform111, Terraform112, Terraform114, OpenTofu18, OpenTofu19, OpenTofu110, OpenTofu111, OpenTofu112,
    ];
}
