using PodIdentity.Plugin.Values;
using PodIdentity.Protocol.Compatibility.Wire;

namespace PodIdentity.Protocol.Compatibility.Lifecycle;

/// <summary>The provider block of every matrix run: the emulator's endpoints, static keys, no metadata service, and an
/// environment that cannot leak the developer's AWS configuration into the provider.</summary>
internal static class ProviderSetup
{
    public static CtyValue Config(SchemaShape provider, Uri emulator)
    {
        var url = CtyValue.String(emulator.ToString().TrimEnd('/'));
        var endpointsType = provider.Type.AttributeTypes["endpoints"];
        var endpoint = TestValues.Object(endpointsType is CollectionType c ? (ObjectType)c.ElementType : (ObjectType)endpointsType,
            ("eks", url),
            ("iam", url),
            ("sts", url));
        return provider.Config(new Dictionary<string, CtyValue>
        {
            ["region"] = CtyValue.String(EmulatorSeed.Region),
            ["access_key"] = CtyValue.String("test"),
            ["secret_key"] = CtyValue.String("test"),
            ["skip_metadata_api_check"] = CtyValue.True,
            ["skip_pod_identity_agent_check"] = CtyValue.True,
            ["endpoints"] = endpointsType is ListType l ? CtyValue.List(l.ElementType, [endpoint]) : endpoint,
        });
    }

    public static IReadOnlyDictionary<string, string?> Environment(string scratch)
    {
        var environment = IsolatedAws.Environment(scratch);
        // The provider logs at DEBUG unless TF_LOG_PROVIDER says otherwise (the CLIs pass it through): a failed call
        // shows the end of that log, and every process's log is kept in a file (Cli).
        environment["TF_LOG_PROVIDER"] = System.Environment.GetEnvironmentVariable("TF_LOG_PROVIDER") is { Length: > 0 } level ? level : "DEBUG";
        environment["TF_LOG"] = null;
        environment["AWS_ENDPOINT_URL"] = null;
        environment["AWS_ACCESS_KEY_ID"] = null;
        environment["AWS_SECRET_ACCESS_KEY"] = null;
        environment["AWS_SESSION_TOKEN"] = null;
        return environment;
    }
}
