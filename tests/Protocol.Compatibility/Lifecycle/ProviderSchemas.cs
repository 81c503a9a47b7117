using PodIdentity.Plugin.Values;
using PodIdentity.Protocol.Compatibility.Tfplugin6;
using PodIdentity.Protocol.Compatibility.Wire;

namespace PodIdentity.Protocol.Compatibility.Lifecycle;

/// <summary>The schemas a client keeps from GetProviderSchema (and GetResourceIdentitySchemas, for clients that call it).</summary>
internal sealed class ProviderSchemas
{
    public ProviderSchemas(GetProviderSchema.Types.Response schema, GetResourceIdentitySchemas.Types.Response? identities)
    {
        Raw = schema;
        Provider = new SchemaShape(schema.Provider.Block);
        ProviderMeta = schema.ProviderMeta?.Block is { } meta ? SchemaShape.ImpliedType(meta) : null;
        IdentitySchemas = identities?.IdentitySchemas.ToDictionary(p => p.Key, p => p.Value) ?? [];
    }

    public GetProviderSchema.Types.Response Raw { get; }

    public SchemaShape Provider { get; }

    public ObjectType? ProviderMeta { get; }

    public IReadOnlyDictionary<string, ResourceIdentitySchema> IdentitySchemas { get; }

    public bool GetProviderSchemaOptional => Raw.ServerCapabilities?.GetProviderSchemaOptional == true;

    public bool PlanDestroy => Raw.ServerCapabilities?.PlanDestroy == true;

    public SchemaShape Resource(string type) =>
        Raw.ResourceSchemas.TryGetValue(type, out var s) ? new SchemaShape(s.Block) : throw new KeyNotFoundException("no resource schema " + type);

    public long ResourceVersion(string type) => Raw.ResourceSchemas[type].Version;

    public ObjectType? IdentityType(string type) =>
        IdentitySchemas.TryGetValue(type, out var s) && s.IdentityAttributes.Count > 0 ? SchemaShape.IdentityType(s) : null;

    public SchemaShape? ListResource(string type) =>
        Raw.ListResourceSchemas.TryGetValue(type, out var s) ? new SchemaShape(s.Block) : null;

    /// <summary>provider_meta as the clients send it: a null of the meta schema's type, or nothing without one.</summary>
    public DynamicValue? ProviderMetaValue => ProviderMeta is { } t ? Dynamic.Encode(CtyValue.Null(t), t) : null;
}
