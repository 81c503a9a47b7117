using PodIdentity.Plugin.Values;

namespace PodIdentity.Plugin.Framework;

/// <summary>
/// Resource identity (tfplugin6.9, Terraform 1.12+, OpenTofu 1.10+). The framework hands the known identity to
/// Read, Update and Import (<c>Identity</c> on their requests) and starts every response's <c>Identity</c> with it;
/// Create, Read, Update and Import must leave a wholly known identity in their response. A resource that computes it
/// from the new state every time never depends on the client having stored one (older clients and some OpenTofu
/// builds send none).
/// </summary>
public interface IResourceWithIdentity : IResource
{
    IdentitySchema IdentitySchema { get; }
}

/// <summary>Converts an identity stored at an older identity schema version.</summary>
public interface IResourceWithUpgradeIdentity : IResourceWithIdentity
{
    void UpgradeIdentity(UpgradeIdentityRequest request, UpgradeIdentityResponse response);
}

public sealed class UpgradeIdentityRequest
{
    /// <summary>The identity schema version the identity was stored with (lower than the current one).</summary>
    public required long Version { get; init; }

    /// <summary>The stored identity as JSON; decode with <see cref="StateJson.Decode"/> and the old identity type.</summary>
    public required ReadOnlyMemory<byte> RawIdentityJson { get; init; }
}

public sealed class UpgradeIdentityResponse
{
    /// <summary>The identity in the current identity type; leave unset (with an error) when the version is unknown.</summary>
    public CtyValue? Identity { get; set; }

    public Diagnostics Diagnostics { get; } = new();
}
