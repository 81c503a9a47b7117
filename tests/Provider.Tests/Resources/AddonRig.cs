using System.Text.Json.Nodes;
using PodIdentity.Aws.Clients;
using PodIdentity.Plugin.Framework;
using PodIdentity.Plugin.Values;
using PodIdentity.Provider.Addons;
using PodIdentity.Provider.Shared;
using PodIdentity.TestSupport;

namespace PodIdentity.Provider.Tests.Resources;

/// <summary>The add-on resource on a provider context whose EKS is a <see cref="FakeEks"/>; waits move a fake clock.</summary>
internal sealed class AddonRig : IDisposable
{
    public const string DescribeAgent = "GET /clusters/lab/addons/eks-pod-identity-agent";
    public const string CreateAddon = "POST /clusters/lab/addons";
    public const string UpdateAddon = "POST /clusters/lab/addons/eks-pod-identity-agent/update";
    public const string DeleteAgent = "DELETE /clusters/lab/addons/eks-pod-identity-agent";
    public const string AgentArn = "arn:aws:eks:us-west-2:123456789012:addon/lab/eks-pod-identity-agent/abcd";

    public AddonRig(bool skipAgentCheck = false, TagPolicy? tags = null)
    {
        Context = AwsProviderContext.Create(
            new AwsProviderConfig
            {
                Region = "us-west-2",
                AccessKey = "AKIDEXAMPLE",
                SecretKey = "not-a-real-secret",
                Endpoints = new EndpointsConfig { Eks = "https://eks.test", Iam = "https://iam.test", Sts = "https://sts.test" },
                MaxRetries = 0,
            },
            new AwsClientOptions
            {
                Handler = Eks,
                Environment = new Dictionary<string, string>(),
                Delay = (_, ct) => Task.Delay(0, ct),
            },
            tags ?? TagPolicy.None,
            "123456789012",
            skipAgentCheck);
        Resource = new AddonResource(new AddonWaiter(Clock, (d, _) =>
        {
            Waits.Add(d);
            Clock.Advance(d);
            return Task.CompletedTask;
        }));
        Resource.Configure(Context);
    }

    public FakeEks Eks { get; } = new();

    public StepClock Clock { get; } = new();

    public List<TimeSpan> Waits { get; } = [];

    public AwsProviderContext Context { get; }

    public AddonResource Resource { get; }

    public ObjectType Type => Resource.Schema.Type;

    /// <summary>A configuration of the agent add-on with overrides (blocks empty, as Terraform sends them).</summary>
    public CtyValue Config(params (string Name, object? Value)[] set) => TestValues.Object(Type, [
        ("cluster_name", "lab"), ("addon_name", "eks-pod-identity-agent"),
        ("namespace_config", CtyValue.List(NamespaceType, [])), ("pod_identity_association", CtyValue.Set(AssociationType, [])), .. set]);

    public ObjectType NamespaceType => (ObjectType)((ListType)Type.AttributeTypes["namespace_config"]).ElementType;

    public ObjectType AssociationType => (ObjectType)((SetType)Type.AttributeTypes["pod_identity_association"]).ElementType;

    public CtyValue Timeouts(string? create = null, string? update = null, string? delete = null)
    {
        var type = (ObjectType)Type.AttributeTypes["timeouts"];
        return TestValues.Object(type, [("create", create), ("update", update), ("delete", delete)]);
    }

    /// <summary>A state as a successful create of <see cref="Config"/> leaves it.</summary>
    public CtyValue State(params (string Name, object? Value)[] set) => Config([
        ("id", "lab:eks-pod-identity-agent"), ("arn", AgentArn), ("addon_version", "v1.3.10-eksbuild.2"),
        ("tags_all", new Dictionary<string, string>()), ("region", "us-west-2"), ("status", "ACTIVE"),
        ("health_issues", CtyValue.List(AddonSchema.HealthIssueType, [])),
        ("created_at", "2026-01-01T00:00:00Z"), ("modified_at", "2026-01-01T00:00:00Z"), .. set]);

    /// <summary>Plans as Terraform does (<see cref="PlanDriver"/>); a null prior state plans a create.</summary>
    public Task<PlannedChange> PlanAsync(CtyValue config, CtyValue? prior = null, byte[]? priorPrivate = null) =>
        new PlanDriver(Resource).PlanAsync(config, prior ?? CtyValue.Null(Type), priorPrivate);

    public async Task<CreateResponse> CreateAsync(CtyValue config)
    {
        var plan = (await PlanAsync(config)).Plan;
        var response = new CreateResponse { State = plan };
        await Resource.CreateAsync(new CreateRequest { Config = config, Plan = plan }, response, CancellationToken.None);
        return response;
    }

    public static JsonObject Addon(string status, string version = "v1.3.10-eksbuild.2", string? configurationValues = null, JsonArray? issues = null, JsonArray? associations = null)
    {
        var addon = new JsonObject
        {
            ["addonName"] = "eks-pod-identity-agent",
            ["clusterName"] = "lab",
            ["status"] = status,
            ["addonVersion"] = version,
            ["addonArn"] = AgentArn,
            ["createdAt"] = 1767225600,
            ["modifiedAt"] = 1767225600,
            ["tags"] = new JsonObject(),
            ["health"] = new JsonObject { ["issues"] = issues ?? [] },
            ["podIdentityAssociations"] = associations ?? [],
        };
        if (configurationValues is not null)
        {
            addon["configurationValues"] = configurationValues;
        }

        return new JsonObject { ["addon"] = addon };
    }

    public static JsonObject Update(string status, JsonArray? errors = null) => new()
    {
        ["update"] = new JsonObject { ["id"] = "u-1", ["status"] = status, ["type"] = "AddonUpdate", ["errors"] = errors ?? [] },
    };

    public void Dispose() => Context.Dispose();
}
