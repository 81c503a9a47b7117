using PodIdentity.Plugin.Values;
using PodIdentity.Protocol.Compatibility.Wire;
using PodIdentity.Provider.AcceptanceTests.Harness;

namespace PodIdentity.Protocol.Compatibility.Lifecycle;

/// <summary>The provider block of every matrix run: the emulator's endpoints, static keys, no metadata service, and an
/// environment that cannot leak the developer's AWS configuration into the provider.</summary>
internal static class ProviderSetup
{
    public static CtyValue Config(SchemaShape provider, Uri emulator)
    {
        var url = CtyValue.String(emulator.ToString().TrimEnd('/'));
        var endpointsType = provider.Type.AttributeTypes["endpoints"];
        var endpoint = Object(endpointsType is CollectionType c ? (ObjectType)c.ElementType : (ObjectType)endpointsType, new()
        {
            ["eks"] = url,
            ["iam"] = url,
            ["sts"] = url,
        });
        return provider.Config(new Dictionary<string, CtyValue>
        {
            ["region"] = CtyValue.String(EmulatorProcess.Region),
            ["access_key"] = CtyValue.String("test"),
            ["secret_key"] = CtyValue.String("test"),
            ["skip_metadata_api_check"] = CtyValue.True,
            ["skip_pod_identity_agent_check"] = CtyValue.True,
            ["endpoints"] = endpointsType is ListType l ? CtyValue.List(l.ElementType, [endpoint]) : endpoint,
        });
    }

    public static IReadOnlyDictionary<string, string?> Environment(string scratch) => new Dictionary<string, string?>
    {
        // TF_LOG_PROVIDER passes through, as the CLIs pass it, so a failing run can be repeated with provider logs.
        ["TF_LOG"] = null,
        ["AWS_PROFILE"] = null,
        ["AWS_ENDPOINT_URL"] = null,
        ["AWS_ACCESS_KEY_ID"] = null,
        ["AWS_SECRET_ACCESS_KEY"] = null,
        ["AWS_SESSION_TOKEN"] = null,
        ["AWS_CONFIG_FILE"] = Path.Combine(scratch, "no-aws-config"),
        ["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(scratch, "no-aws-credentials"),
        ["AWS_EC2_METADATA_DISABLED"] = "true",
    };

    /// <summary>An object of <paramref name="type"/> with the given attributes and null for the rest.</summary>
    public static CtyValue Object(ObjectType type, Dictionary<string, CtyValue> values)
    {
        foreach (var (name, attributeType) in type.AttributeTypes)
        {
            values.TryAdd(name, CtyValue.Null(attributeType));
        }

        return CtyValue.Object(type, values);
    }
}
