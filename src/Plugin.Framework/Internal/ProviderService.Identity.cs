using PodIdentity.Plugin.Values;
using Proto = PodIdentity.Plugin.Protocol.Tfplugin6;

namespace PodIdentity.Plugin.Framework.Internal;

// Resource identity (tfplugin6.9): the schemas, their upgrade, and the checks every lifecycle call runs on the
// identity a resource returns.
internal sealed partial class ProviderService
{
    public Task<Proto.GetResourceIdentitySchemas.Types.Response> GetResourceIdentitySchemas(
        Proto.GetResourceIdentitySchemas.Types.Request request, CancellationToken cancellationToken) =>
        Handle<Proto.GetResourceIdentitySchemas.Types.Response>(nameof(GetResourceIdentitySchemas), cancellationToken, r => r.Diagnostics,
            (response, _, _) =>
            {
                foreach (var (name, resource) in _resources)
                {
                    if (resource is IResourceWithIdentity withIdentity)
                    {
                        response.IdentitySchemas.Add(name, ProtoConvert.IdentitySchema(withIdentity.IdentitySchema));
                    }
                }

                return Task.CompletedTask;
            });

    // Terraform calls this for every stored identity, like UpgradeResourceState, even at the current version.
    public Task<Proto.UpgradeResourceIdentity.Types.Response> UpgradeResourceIdentity(
        Proto.UpgradeResourceIdentity.Types.Request request, CancellationToken cancellationToken) =>
        Handle<Proto.UpgradeResourceIdentity.Types.Response>(nameof(UpgradeResourceIdentity), cancellationToken, r => r.Diagnostics,
            (response, diagnostics, _) =>
            {
                if (!TryResource(request.TypeName, diagnostics, out var resource))
                {
                    return Task.CompletedTask;
                }

                if (resource is not IResourceWithIdentity withIdentity)
                {
                    diagnostics.AddError(
                        "Resource Identity Not Supported",
                        $"The resource type \"{request.TypeName}\" has no identity schema, so there is no identity to upgrade.");
                    return Task.CompletedTask;
                }

                var schema = withIdentity.IdentitySchema;
                var json = request.RawIdentity?.Json ?? Google.Protobuf.ByteString.Empty;
                if (json.IsEmpty)
                {
                    diagnostics.AddError("Unable to Upgrade Resource Identity", $"Terraform sent no stored identity for this {request.TypeName}.");
                    return Task.CompletedTask;
                }

                if (UpgradeStoredIdentity(withIdentity, request.Version, json.Memory, diagnostics) is { } identity)
                {
                    response.UpgradedIdentity = EncodeIdentity(identity, schema);
                }

                return Task.CompletedTask;
            });

    private static CtyValue? UpgradeStoredIdentity(IResourceWithIdentity resource, long version, ReadOnlyMemory<byte> json, Diagnostics diagnostics)
    {
        var schema = resource.IdentitySchema;
        if (version == schema.Version)
        {
            return StateJson.Decode(json.Span, schema.Type);
        }

        if (version > schema.Version)
        {
            diagnostics.AddError(
                "Unable to Upgrade Resource Identity",
                $"The identity of this {resource.TypeName} was written by a newer provider (identity version {version}; this provider knows up to "
                + $"{schema.Version}). Use that provider version or newer.");
            return null;
        }

        if (resource is not IResourceWithUpgradeIdentity upgrader)
        {
            diagnostics.AddError(
                "Unable to Upgrade Resource Identity",
                $"The identity of this {resource.TypeName} has version {version}, and this provider cannot upgrade it to version {schema.Version}.");
            return null;
        }

        var response = new UpgradeIdentityResponse();
        upgrader.UpgradeIdentity(new UpgradeIdentityRequest { Version = version, RawIdentityJson = json }, response);
        diagnostics.AddRange(response.Diagnostics);
        if (response.Diagnostics.HasErrors)
        {
            return null;
        }

        if (response.Identity is not { } upgraded || !upgraded.Type.Equals(schema.Type) || !upgraded.IsWhollyKnown || upgraded.IsNull)
        {
            diagnostics.AddError(
                "Unable to Upgrade Resource Identity",
                $"Upgrading {resource.TypeName} identity from version {version} did not produce a known identity of the current version. "
                + "This is a bug in the provider.");
            return null;
        }

        return upgraded;
    }

    /// <summary>The identity Terraform sent, or null when it sent none (older clients) or the resource has none.</summary>
    private static CtyValue? DecodeIdentity(IResource resource, Proto.ResourceIdentityData? data)
    {
        if (resource is not IResourceWithIdentity withIdentity || data?.IdentityData is not { } value)
        {
            return null;
        }

        var identity = DynamicValues.Decode(value, withIdentity.IdentitySchema.Type);
        return identity.IsNull ? null : identity;
    }

    private static Proto.ResourceIdentityData EncodeIdentity(CtyValue identity, IdentitySchema schema) =>
        new() { IdentityData = DynamicValues.Encode(identity, schema.Type) };

    /// <summary>
    /// Checks the identity a Create, Read, Update or Import left and encodes it: after success it must be there
    /// (every call, whether or not Terraform sent one, so no client ever sees "missing identity"), wholly known and,
    /// when Terraform knew one before, unchanged. After a failure that still recorded an object, a valid identity
    /// goes along with it and a missing one is not reported again. Null when there is none to send.
    /// </summary>
    private static Proto.ResourceIdentityData? FinishIdentity(
        IResource resource, string operation, CtyValue? identity, CtyValue? known, Diagnostics diagnostics)
    {
        if (resource is not IResourceWithIdentity withIdentity)
        {
            return null;
        }

        var failed = diagnostics.HasErrors;
        var schema = withIdentity.IdentitySchema;
        if (identity is not { IsNull: false } value)
        {
            if (!failed)
            {
                diagnostics.AddError(
                    $"Missing Resource Identity After {operation}",
                    $"{operation} of {resource.TypeName} returned no identity. This is a bug in the provider.");
            }

            return null;
        }

        if (!value.Type.Equals(schema.Type))
        {
            throw new InvalidOperationException($"{operation} of {resource.TypeName} returned an identity of the wrong type.");
        }

        if (!value.IsWhollyKnown)
        {
            if (!failed)
            {
                diagnostics.AddError(
                    $"Invalid Resource Identity After {operation}",
                    $"{operation} of {resource.TypeName} returned an identity with unknown values. This is a bug in the provider.");
            }

            return null;
        }

        if (known is { } before && !before.Equals(value))
        {
            if (!failed)
            {
                diagnostics.AddError(
                    "Unexpected Identity Change",
                    $"{operation} of {resource.TypeName} changed the identity of an existing object, which must stay the same for its lifetime. "
                    + "This is a bug in the provider.");
            }

            return null;
        }

        return EncodeIdentity(value, schema);
    }

    /// <summary>Import by identity: every attribute marked RequiredForImport must be given.</summary>
    private static bool CheckImportIdentity(IResourceWithIdentity resource, CtyValue identity, Diagnostics diagnostics)
    {
        foreach (var attribute in resource.IdentitySchema.Attributes)
        {
            var value = identity.GetAttribute(attribute.Name);
            if (attribute.RequiredForImport && (value.IsNull || !value.IsKnown))
            {
                diagnostics.AddError(
                    "Missing Identity Attribute",
                    $"Importing {resource.TypeName} by identity needs \"{attribute.Name}\": {attribute.Description}",
                    AttributePath.Root.Attribute(attribute.Name));
            }
        }

        return !diagnostics.HasErrors;
    }
}
