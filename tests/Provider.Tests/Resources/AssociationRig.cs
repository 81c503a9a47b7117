using PodIdentity.Aws.Clients;
using PodIdentity.Plugin.Framework;
using PodIdentity.Plugin.Values;
using PodIdentity.Provider.Associations;
using PodIdentity.Provider.Shared;
using PodIdentity.TestSupport;

namespace PodIdentity.Provider.Tests.Resources;

/// <summary>The resource and data sources wired to a configured provider context whose EKS is a <see cref="FakeEks"/>.</summary>
internal sealed class AssociationRig : IDisposable
{
    public const string Role = "arn:aws:iam::123456789012:role/payments-api";
    public const string OtherRole = "arn:aws:iam::123456789012:role/payments-api-v2";
    public const string Target = "arn:aws:iam::123456789012:role/cross-account-target";
    public const string Id = "a-0123456789abcdefg";

    /// <param name="checks">Turns the association plan checks on (their AWS reads go to <see cref="Eks"/> too).</param>
    public AssociationRig(TagPolicy? tags = null, TimeSpan? retryBudget = null, PodIdentity.Provider.Checks.CheckSettings? checks = null)
    {
        Context = AwsProviderContext.Create(
            new AwsProviderConfig
            {
                Region = "us-west-2",
                AccessKey = "AKIDEXAMPLE",
                SecretKey = "not-a-real-secret",
                Endpoints = new EndpointsConfig { Eks = "https://eks.test", Iam = "https://iam.test", Sts = "https://sts.test" },
            },
            new AwsClientOptions
            {
                Handler = Eks,
                Environment = new Dictionary<string, string>(),
                Delay = (_, ct) => Task.Delay(0, ct),
            },
            tags ?? TagPolicy.None,
            "123456789012",
            skipPodIdentityAgentCheck: true,
            associationChecks: checks);
        Resource = new PodIdentityAssociationResource(new RolePropagationRetry(retryBudget ?? TimeSpan.FromMinutes(2), Clock, (d, _) =>
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

    public PodIdentityAssociationResource Resource { get; }

    public ObjectType Type => Resource.Schema.Type;

    /// <summary>A resource value with every attribute null except the given ones.</summary>
    public CtyValue Value(params (string Name, object? Value)[] set) => TestValues.Object(Type, set);

    /// <summary>The configuration of a typical association, with overrides.</summary>
    public CtyValue Config(params (string Name, object? Value)[] set) =>
        Value([("cluster_name", "lab"), ("namespace", "payments"), ("service_account", "payments-api"), ("role_arn", Role), .. set]);

    /// <summary>Plans as Terraform does (<see cref="PlanDriver"/>); a null prior state plans a create.</summary>
    public Task<PlannedChange> PlanAsync(CtyValue config, CtyValue? prior = null, byte[]? priorPrivate = null, CancellationToken cancellationToken = default) =>
        new PlanDriver(Resource).PlanAsync(config, prior ?? CtyValue.Null(Type), priorPrivate, cancellationToken);

    /// <summary>A state as a successful create of <see cref="Config"/> would leave it.</summary>
    public CtyValue State(params (string Name, object? Value)[] set) => Config([
        ("id", Id), ("association_id", Id), ("association_arn", $"arn:aws:eks:us-west-2:123456789012:podidentityassociation/lab/{Id}"),
        ("disable_session_tags", false), ("tags_all", new Dictionary<string, string>()), ("region", "us-west-2"),
        ("created_at", "2026-01-01T00:00:00Z"), ("modified_at", "2026-01-01T00:00:00Z"), .. set]);

    public static CtyValue Map(IReadOnlyDictionary<string, string> m) => TestValues.Convert(CtyType.Map(CtyType.String), m);

    public static Dictionary<string, string> Tags(params (string Key, string Value)[] tags) =>
        tags.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);

    public void Dispose() => Context.Dispose();
}
