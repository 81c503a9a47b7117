using System.Text.RegularExpressions;
using PodIdentity.Plugin.Values;

namespace PodIdentity.Plugin.Framework.Tests;

/// <summary>A small resource that records what the framework asked of it.</summary>
internal sealed class FakeResource :
    IResourceWithImportState, IResourceWithModifyPlan, IResourceWithConfigValidators, IResourceWithUpgradeState, IResourceWithConfigure
{
    public static readonly Schema TheSchema = new()
    {
        Version = 1,
        Description = "A thing.",
        Attributes =
        [
            new SchemaAttribute { Name = "id", Type = CtyType.String, Computed = true, PlanModifiers = [PlanModifiers.UseStateForUnknown()] },
            new SchemaAttribute
            {
                Name = "name",
                Type = CtyType.String,
                Required = true,
                PlanModifiers = [PlanModifiers.RequiresReplace()],
                Validators = [Validators.StringLengthBetween(1, 10)],
            },
            new SchemaAttribute { Name = "description", Type = CtyType.String, Optional = true },
            new SchemaAttribute { Name = "enabled", Type = CtyType.Bool, Optional = true, Computed = true, Default = Defaults.Bool(false) },
            new SchemaAttribute { Name = "arn", Type = CtyType.String, Computed = true },
            new SchemaAttribute
            {
                Name = "tags",
                Type = CtyType.Map(CtyType.String),
                Optional = true,
            },
            new SchemaAttribute { Name = "role_arn", Type = CtyType.String, Optional = true, Validators = [Validators.Arn("iam")] },
            new SchemaAttribute { Name = "secret", Type = CtyType.String, Optional = true, Sensitive = true, WriteOnly = true },
            new SchemaAttribute
            {
                Name = "kind",
                Type = CtyType.String,
                Optional = true,
                Validators = [Validators.StringOneOf("a", "b"), Validators.StringMatches(new Regex("^[a-z]$"), "must be one lowercase letter")],
            },
        ],
        Blocks =
        [
            new SchemaBlock
            {
                Name = "rule",
                Nesting = NestingMode.List,
                MaxItems = 3,
                Attributes =
                [
                    new SchemaAttribute { Name = "port", Type = CtyType.Number, Required = true },
                    new SchemaAttribute { Name = "label", Type = CtyType.String, Optional = true, Computed = true },
                ],
            },
        ],
    };

    public static ObjectType Type => TheSchema.Type;

    public static ObjectType RuleType => (ObjectType)((ListType)Type.AttributeTypes["rule"]).ElementType;

    public string TypeName => "fake_thing";

    public Schema Schema => TheSchema;

    public IReadOnlyList<IConfigValidator> ConfigValidators { get; } = [new DescriptionOrRole()];

    /// <summary>When set, Create waits for it (or for cancellation).</summary>
    public TaskCompletionSource? CreateGate { get; set; }

    public TaskCompletionSource CreateStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public List<string> Calls { get; } = [];

    public bool RemoveOnRead { get; set; }

    public ModifyPlanRequest? LastModifyPlan { get; private set; }

    /// <summary>What the Configure step handed over, and how often.</summary>
    public object? ProviderData { get; private set; }

    public int ConfigureCalls { get; private set; }

    /// <summary>The provider data Create saw.</summary>
    public object? LastProviderData { get; private set; }

    public void Configure(object? providerData)
    {
        ProviderData = providerData;
        ConfigureCalls++;
    }

    public async Task CreateAsync(CreateRequest request, CreateResponse response, CancellationToken cancellationToken)
    {
        Calls.Add("create");
        LastProviderData = ProviderData;
        CreateStarted.TrySetResult();
        if (CreateGate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }

        var name = request.Plan.GetString("name")!;
        response.State = request.Plan.WithString("id", "id-" + name).WithString("arn", "arn:fake:" + name)
            .WithAttribute("rule", WithLabels(request.Plan.GetAttribute("rule")));
    }

    public Task ReadAsync(ReadRequest request, ReadResponse response, CancellationToken cancellationToken)
    {
        Calls.Add("read");
        if (RemoveOnRead)
        {
            response.State = CtyValue.Null(Type);
            response.Diagnostics.AddWarning("Resource gone", "It was deleted outside Terraform.");
        }

        return Task.CompletedTask;
    }

    public Task UpdateAsync(UpdateRequest request, UpdateResponse response, CancellationToken cancellationToken)
    {
        Calls.Add("update");
        response.State = request.Plan.WithString("arn", "arn:fake:" + request.Plan.GetString("name") + ":v2")
            .WithAttribute("rule", WithLabels(request.Plan.GetAttribute("rule")));
        return Task.CompletedTask;
    }

    public Task DeleteAsync(DeleteRequest request, DeleteResponse response, CancellationToken cancellationToken)
    {
        Calls.Add("delete:" + request.PriorState.GetString("id"));
        return Task.CompletedTask;
    }

    public Task ImportStateAsync(ImportStateRequest request, ImportStateResponse response, CancellationToken cancellationToken)
    {
        Calls.Add("import:" + request.Id);
        response.State = response.State.WithString("id", request.Id);
        return Task.CompletedTask;
    }

    public Task ModifyPlanAsync(ModifyPlanRequest request, ModifyPlanResponse response, CancellationToken cancellationToken)
    {
        Calls.Add("modifyplan");
        LastModifyPlan = request;
        if (request.IsDestroy)
        {
            response.Diagnostics.AddWarning("Destroying", "The thing goes away.");
        }

        return Task.CompletedTask;
    }

    // Version 0 called "description" "title".
    public void UpgradeState(UpgradeStateRequest request, UpgradeStateResponse response)
    {
        if (request.Version != 0)
        {
            response.Diagnostics.AddError("Unknown version", request.Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return;
        }

        var v0Type = CtyType.Object(new Dictionary<string, CtyType>
        {
            ["id"] = CtyType.String,
            ["name"] = CtyType.String,
            ["title"] = CtyType.String,
        });
        var old = StateJson.Decode(request.RawStateJson.Span, v0Type);
        response.State = ValueAccess.EmptyObject(Type)
            .WithString("id", old.GetString("id"))
            .WithString("name", old.GetString("name"))
            .WithString("description", old.GetString("title"))
            .WithBool("enabled", false)
            .WithAttribute("rule", CtyValue.List(RuleType, []));
    }

    private static CtyValue WithLabels(CtyValue rules) =>
        rules.IsNull ? rules : CtyValue.List(RuleType, rules.Elements.Select(r => r.IsUnknown("label") ? r.WithString("label", "auto") : r));
}

/// <summary>A check across attributes: description and role_arn exclude each other (unknown values wait).</summary>
internal sealed class DescriptionOrRole : IConfigValidator
{
    public string Description => "only one of description and role_arn can be set";

    public void Validate(CtyValue config, Diagnostics diagnostics)
    {
        var (description, role) = (config.GetAttribute("description"), config.GetAttribute("role_arn"));
        if (description is { IsKnown: true, IsNull: false } && role is { IsKnown: true, IsNull: false })
        {
            diagnostics.AddError("Invalid Attribute Combination", $"Attributes: {Description}.", AttributePath.Root.Attribute("role_arn"));
        }
    }
}
