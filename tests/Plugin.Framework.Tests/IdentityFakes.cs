using System.Runtime.CompilerServices;
using PodIdentity.Plugin.Values;

namespace PodIdentity.Plugin.Framework.Tests;

/// <summary>
/// A resource with an identity (<c>name</c> required for import, <c>region</c> optional and defaulted) that computes
/// the identity from its state, as a provider should; switches make it misbehave for the framework's checks.
/// </summary>
internal sealed class FakeWidget : IResourceWithIdentity, IResourceWithImportState
{
    public const string DefaultRegion = "home-1";

    public static readonly Schema TheSchema = new()
    {
        Attributes =
        [
            new SchemaAttribute { Name = "name", Type = CtyType.String, Required = true },
            new SchemaAttribute { Name = "region", Type = CtyType.String, Optional = true, Computed = true },
            new SchemaAttribute { Name = "size", Type = CtyType.Number, Optional = true },
            new SchemaAttribute { Name = "token", Type = CtyType.String, Optional = true, WriteOnly = true },
        ],
    };

    public static readonly IdentitySchema Identity = new()
    {
        Version = 2,
        Attributes =
        [
            IdentityAttribute.Required("name", "The widget's name."),
            IdentityAttribute.Optional("region", "The widget's region; defaults to the provider's."),
        ],
    };

    public static ObjectType Type => TheSchema.Type;

    public string TypeName => "fake_widget";

    public Schema Schema => TheSchema;

    public IdentitySchema IdentitySchema => Identity;

    /// <summary>Update leaves the response's identity as the framework started it.</summary>
    public bool KeepIdentityOnUpdate { get; set; }

    /// <summary>Update reports an identity under another name.</summary>
    public bool RenameOnUpdate { get; set; }

    public List<string> Calls { get; } = [];

    public ImportStateRequest? LastImport { get; private set; }

    public static CtyValue Widget(string name, string? region = DefaultRegion, long? size = null) =>
        ValueAccess.EmptyObject(Type).WithString("name", name).WithString("region", region).WithAttribute("size", size is { } n ? CtyValue.Number(n) : CtyValue.Null(CtyType.Number));

    public static CtyValue IdentityOf(string name, string? region) =>
        ValueAccess.EmptyObject(Identity.Type).WithString("name", name).WithString("region", region);

    /// <summary>The one place the identity comes from: the state.</summary>
    public static CtyValue IdentityFromState(CtyValue state) => IdentityOf(state.GetString("name")!, state.GetString("region"));

    public Task CreateAsync(CreateRequest request, CreateResponse response, CancellationToken cancellationToken)
    {
        Calls.Add("create");
        response.State = request.Plan.WithString("region", request.Plan.GetString("region") ?? DefaultRegion);
        response.Identity = IdentityFromState(response.State);
        return Task.CompletedTask;
    }

    public Task ReadAsync(ReadRequest request, ReadResponse response, CancellationToken cancellationToken)
    {
        Calls.Add("read:" + (request.Identity is null ? "no-identity" : "identity"));
        response.Identity = IdentityFromState(request.State);
        return Task.CompletedTask;
    }

    public Task UpdateAsync(UpdateRequest request, UpdateResponse response, CancellationToken cancellationToken)
    {
        Calls.Add("update:" + (request.Identity is null ? "no-identity" : "identity"));
        response.State = request.Plan;
        if (RenameOnUpdate)
        {
            response.Identity = IdentityOf("renamed", request.Plan.GetString("region"));
        }
        else if (!KeepIdentityOnUpdate)
        {
            response.Identity = IdentityFromState(response.State);
        }

        return Task.CompletedTask;
    }

    public Task DeleteAsync(DeleteRequest request, DeleteResponse response, CancellationToken cancellationToken)
    {
        Calls.Add("delete");
        return Task.CompletedTask;
    }

    public Task ImportStateAsync(ImportStateRequest request, ImportStateResponse response, CancellationToken cancellationToken)
    {
        LastImport = request;
        var name = request.Identity is { } identity ? identity.GetString("name")! : request.Id;
        var region = request.Identity?.GetString("region") ?? DefaultRegion;
        response.State = response.State.WithString("name", name).WithString("region", region);
        response.Identity = IdentityFromState(response.State);
        return Task.CompletedTask;
    }
}

/// <summary>Lists widgets from <see cref="Items"/>, optionally filtered by <c>prefix</c>; records how far it was pulled.</summary>
internal sealed class FakeWidgetList : IListResourceWithConfigure, IListResourceWithValidateConfig
{
    public object? ProviderData { get; private set; }

    public void Configure(object? providerData) => ProviderData = providerData;

    public string TypeName => "fake_widget";

    public Schema ConfigSchema { get; } = new()
    {
        Attributes =
        [
            new SchemaAttribute
            {
                Name = "prefix",
                Type = CtyType.String,
                Optional = true,
                Description = "Only widgets whose name starts with this.",
                Validators = [Validators.StringLengthBetween(1, 5)],
            },
        ],
    };

    public List<string> Items { get; } = ["alpha", "beta", "gamma"];

    /// <summary>A check beyond the attribute's validators: "none" matches nothing.</summary>
    public void ValidateConfig(ValidateConfigRequest request, Diagnostics diagnostics)
    {
        if (request.Config.GetString("prefix") == "none")
        {
            diagnostics.AddError("Useless prefix", "No widget starts with \"none\".", AttributePath.Root.Attribute("prefix"));
        }
    }

    /// <summary>How many results the enumeration produced before the framework stopped asking.</summary>
    public int Produced { get; private set; }

    public ListRequest? LastRequest { get; private set; }

    /// <summary>Fails after this many results (an API error in the middle of paging).</summary>
    public int? FailAfter { get; set; }

    public bool ThrowAfterFirst { get; set; }

    public bool LeaveObjectOut { get; set; }

    public async IAsyncEnumerable<ListResult> ListAsync(ListRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        LastRequest = request;
        var prefix = request.Config.GetString("prefix") ?? "";
        foreach (var name in Items.Where(i => i.StartsWith(prefix, StringComparison.Ordinal)))
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            if (FailAfter == Produced)
            {
                yield return ListResult.Error("Listing failed", "The API said no.");
                yield break;
            }

            if (ThrowAfterFirst && Produced == 1)
            {
                throw new InvalidOperationException("boom");
            }

            Produced++;
            var state = FakeWidget.Widget(name, size: name.Length).WithString("token", "secret");
            yield return new ListResult
            {
                DisplayName = "widget " + name,
                Identity = FakeWidget.IdentityFromState(state),
                ResourceObject = request.IncludeResourceObject && !LeaveObjectOut ? state : null,
            };
        }
    }
}

/// <summary>A provider with the widget, its list and the plain fake_thing (which has no identity).</summary>
internal sealed class FakeIdentityProvider : IProviderWithListResources
{
    public FakeWidget Widget { get; } = new();

    public FakeWidgetList List { get; } = new();

    public Schema Schema { get; } = Schema.Empty;

    public IReadOnlyList<IResource> Resources => [Widget, new FakeResource()];

    public IReadOnlyList<IDataSource> DataSources => [];

    public IReadOnlyList<IListResource> ListResources => [List];

    public Task ConfigureAsync(ProviderConfigureRequest request, ProviderConfigureResponse response, CancellationToken cancellationToken)
    {
        response.ProviderData = "configured";
        return Task.CompletedTask;
    }
}
