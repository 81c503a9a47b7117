using PodIdentity.Plugin.Values;
using PodIdentity.Protocol.Compatibility.Tfplugin6;

namespace PodIdentity.Protocol.Compatibility.Wire;

/// <summary>
/// What a client derives from a schema block: the value type (configschema's ImpliedType), the configuration it
/// sends when the user writes only some arguments (absent attributes null, absent list/set/map blocks empty, absent
/// single blocks null), and objchange.ProposedNew for the proposed new state.
/// </summary>
internal sealed class SchemaShape
{
    private readonly Schema.Types.Block _block;

    public SchemaShape(Schema.Types.Block block)
    {
        _block = block;
        Type = ImpliedType(block);
    }

    public ObjectType Type { get; }

    public IEnumerable<Schema.Types.Attribute> Attributes => _block.Attributes;

    public Schema.Types.Attribute Attribute(string name) =>
        _block.Attributes.SingleOrDefault(a => a.Name == name) ?? throw new KeyNotFoundException("no attribute " + name);

    /// <summary>The configuration object for the given arguments, everything else as the user left it out.</summary>
    public CtyValue Config(IReadOnlyDictionary<string, CtyValue> arguments)
    {
        var unknownNames = arguments.Keys.Where(k => !Type.AttributeTypes.ContainsKey(k)).ToList();
        if (unknownNames.Count > 0)
        {
            throw new ArgumentException("not in the schema: " + string.Join(", ", unknownNames));
        }

        var values = new Dictionary<string, CtyValue>();
        foreach (var attribute in _block.Attributes)
        {
            values[attribute.Name] = arguments.TryGetValue(attribute.Name, out var v) ? v : CtyValue.Null(Type.AttributeTypes[attribute.Name]);
        }

        foreach (var block in _block.BlockTypes)
        {
            var type = Type.AttributeTypes[block.TypeName];
            values[block.TypeName] = arguments.TryGetValue(block.TypeName, out var v) ? v : block.Nesting switch
            {
                Schema.Types.NestedBlock.Types.NestingMode.List => CtyValue.List(((ListType)type).ElementType, []),
                Schema.Types.NestedBlock.Types.NestingMode.Set => CtyValue.Set(((SetType)type).ElementType, []),
                Schema.Types.NestedBlock.Types.NestingMode.Map => CtyValue.Map(((MapType)type).ElementType, []),
                _ => CtyValue.Null(type),
            };
        }

        return CtyValue.Object(Type, values);
    }

    /// <summary>objchange.ProposedNew for top-level attributes: configuration wins, except computed attributes the
    /// configuration leaves null, which keep the prior value (null on create). Nested blocks come from configuration.</summary>
    public CtyValue ProposedNew(CtyValue prior, CtyValue config)
    {
        if (config.IsNull)
        {
            return config;
        }

        var values = new Dictionary<string, CtyValue>();
        foreach (var attribute in _block.Attributes)
        {
            var configured = config.GetAttribute(attribute.Name);
            values[attribute.Name] = attribute.Computed && configured.IsNull
                ? prior.IsNull ? configured : prior.GetAttribute(attribute.Name)
                : configured;
        }

        foreach (var block in _block.BlockTypes)
        {
            values[block.TypeName] = config.GetAttribute(block.TypeName);
        }

        return CtyValue.Object(Type, values);
    }

    public static ObjectType ImpliedType(Schema.Types.Block block)
    {
        var types = new Dictionary<string, CtyType>();
        foreach (var attribute in block.Attributes)
        {
            types[attribute.Name] = AttributeType(attribute);
        }

        foreach (var nested in block.BlockTypes)
        {
            var element = ImpliedType(nested.Block);
            types[nested.TypeName] = nested.Nesting switch
            {
                Schema.Types.NestedBlock.Types.NestingMode.Single or Schema.Types.NestedBlock.Types.NestingMode.Group => element,
                Schema.Types.NestedBlock.Types.NestingMode.List => CtyType.List(element),
                Schema.Types.NestedBlock.Types.NestingMode.Set => CtyType.Set(element),
                Schema.Types.NestedBlock.Types.NestingMode.Map => CtyType.Map(element),
                _ => throw new InvalidDataException($"block {nested.TypeName} has nesting mode {nested.Nesting}"),
            };
        }

        return CtyType.Object(types);
    }

    public static ObjectType IdentityType(ResourceIdentitySchema schema) =>
        CtyType.Object(schema.IdentityAttributes.ToDictionary(a => a.Name, a => CtyType.FromJson(a.Type.Span)));

    private static CtyType AttributeType(Schema.Types.Attribute attribute)
    {
        if (attribute.NestedType is not { } nested)
        {
            return CtyType.FromJson(attribute.Type.Span);
        }

        var element = CtyType.Object(nested.Attributes.ToDictionary(a => a.Name, AttributeType));
        return nested.Nesting switch
        {
            Schema.Types.Object.Types.NestingMode.Single => element,
            Schema.Types.Object.Types.NestingMode.List => CtyType.List(element),
            Schema.Types.Object.Types.NestingMode.Set => CtyType.Set(element),
            Schema.Types.Object.Types.NestingMode.Map => CtyType.Map(element),
            _ => throw new InvalidDataException($"attribute {attribute.Name} has nesting mode {nested.Nesting}"),
        };
    }
}
