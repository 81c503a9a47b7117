using System.Text.Json;
using System.Text.Json.Nodes;
using PodIdentity.Emulator.Protocol;

namespace PodIdentity.Emulator.Eks;

/// <summary>
/// Checks configurationValues against an add-on's schema. Understands the JSON Schema keywords the catalog
/// uses: type (one or several), properties, additionalProperties (bool or schema), items, enum.
/// </summary>
internal static class AddonConfigValidator
{
    public const string Unsupported = "ConfigurationValue provided in request is not supported";

    public static void Validate(string? configurationValues, AddonDefinition addon)
    {
        if (string.IsNullOrWhiteSpace(configurationValues))
        {
            return;
        }
        var document = ConfigValuesParser.Parse(configurationValues);
        if (document is not JsonObject)
        {
            throw EksErrors.InvalidParameter($"{Unsupported}: Json schema validation failed with error: [$: must be an object or valid YAML mapping]");
        }
        var schema = JsonNode.Parse(addon.ConfigurationSchema)!.AsObject();
        var problem = Check(document, schema, "$");
        if (problem is not null)
        {
            throw EksErrors.InvalidParameter($"{Unsupported}: Json schema validation failed with error: [{problem}]");
        }
    }

    /// <summary>The first violation as "path: reason", or null.</summary>
    internal static string? Check(JsonNode? value, JsonObject schema, string path)
    {
        if (schema["type"] is { } type && !TypeMatches(value, type))
        {
            return $"{path}: {Kind(value)} found, {type.ToJsonString()} expected";
        }
        if (schema["enum"] is JsonArray options && !options.Any(o => JsonNode.DeepEquals(o, value)))
        {
            return $"{path}: does not have a value in the enumeration {options.ToJsonString()}";
        }
        if (value is JsonObject obj)
        {
            var properties = schema["properties"] as JsonObject;
            foreach (var (name, child) in obj)
            {
                var childPath = $"{path}.{name}";
                if (properties?[name] is JsonObject childSchema)
                {
                    if (Check(child, childSchema, childPath) is { } p)
                    {
                        return p;
                    }
                }
                else if (schema["additionalProperties"] is JsonValue allowed && allowed.GetValueKind() == JsonValueKind.False)
                {
                    return $"{childPath}: is not defined in the schema and the schema does not allow additional properties";
                }
                else if (schema["additionalProperties"] is JsonObject extra && Check(child, extra, childPath) is { } p)
                {
                    return p;
                }
            }
        }
        if (value is JsonArray array && schema["items"] is JsonObject items)
        {
            for (var i = 0; i < array.Count; i++)
            {
                if (Check(array[i], items, $"{path}[{i}]") is { } p)
                {
                    return p;
                }
            }
        }
        return null;
    }

    private static bool TypeMatches(JsonNode? value, JsonNode type) => type switch
    {
        JsonArray any => any.Any(t => t is not null && TypeMatches(value, t)),
        JsonValue one => one.GetValue<string>() switch
        {
            "null" => value is null,
            "object" => value is JsonObject,
            "array" => value is JsonArray,
            "string" => value is JsonValue v && v.GetValueKind() == JsonValueKind.String,
            "boolean" => value is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False,
            "number" => value is JsonValue v && v.GetValueKind() == JsonValueKind.Number,
            "integer" => value is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<long>(out _),
            _ => true,
        },
        _ => true,
    };

    private static string Kind(JsonNode? value) => value switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.Number => "number",
            _ => "boolean",
        },
        _ => "unknown",
    };
}
