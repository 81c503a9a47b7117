using PodIdentity.Plugin.Values;
using PodIdentity.Protocol.Compatibility.Clients;
using PodIdentity.Protocol.Compatibility.Lifecycle;
using Xunit.Abstractions;

namespace PodIdentity.Protocol.Compatibility;

/// <summary>
/// The client-version matrix (issue 13 item 3): every client runs the association's whole lifecycle against the
/// published provider and emulator with its own messages. Identity and list steps run for the clients that send
/// them, once the provider declares an identity or a list resource for the type; until then they are skipped with
/// the reason.
/// </summary>
[Collection(MatrixCollection.Name)]
public sealed class ClientMatrixTests(MatrixFixture fixture, ITestOutputHelper output)
{
    public static TheoryData<string> AllClients => Names(ClientProfiles.All);

    public static TheoryData<string> IdentityClients => Names(ClientProfiles.All.Where(p => p.SendsIdentity));

    public static TheoryData<string> QueryClients => Names(ClientProfiles.All.Where(p => p.Queries));

    [Theory]
    [MemberData(nameof(AllClients))]
    public Task Lifecycle(string client) => RunAsync(client, "lifecycle", async lifecycle =>
    {
        CtyValue Create(ProviderSession s) => lifecycle.Config(s, "app", "payments-api", "create");
        CtyValue Update(ProviderSession s) => lifecycle.Config(s, "app", "payments-api-v2", "update");

        await lifecycle.ValidateAsync("app", "payments-api");
        var created = await lifecycle.ApplyAsync("apply (create)", null, Create, plan =>
        {
            Assert.True(plan.Prior.IsNull);
            Assert.False(plan.Planned.GetAttribute("association_id").IsKnown, "association_id is only known after apply");
        });
        Assert.NotNull(created);

        var refreshed = await lifecycle.PlanNoChangesAsync(created, Create);
        var updated = await lifecycle.ApplyAsync("apply (update in place)", refreshed, Update, plan =>
        {
            Assert.Empty(plan.RequiresReplace);
            Assert.Equal(plan.Prior.GetAttribute("association_id"), plan.Planned.GetAttribute("association_id"));
            if (lifecycle.IdentityInUse)
            {
                Assert.Equal(refreshed.Identity, plan.PlannedIdentity);
            }
        });
        Assert.NotNull(updated);
        Assert.Equal(refreshed.Value.GetAttribute("association_id"), updated.Value.GetAttribute("association_id"));
        Assert.Equal("payments-api-v2", updated.Value.GetAttribute("role_arn").AsString().Split('/')[^1]);
        if (lifecycle.IdentityInUse)
        {
            Assert.Equal(refreshed.Identity, updated.Identity);
        }

        var current = await lifecycle.PlanNoChangesAsync(updated, Update);
        var id = $"{current.Value.GetAttribute("cluster_name").AsString()},{current.Value.GetAttribute("association_id").AsString()}";
        var imported = await lifecycle.ImportAsync("apply (import block)", current, Update, id);
        await lifecycle.DestroyAsync(imported, Update);
    });

    [SkippableTheory]
    [MemberData(nameof(IdentityClients))]
    public Task Identity(string client) => RunAsync(client, "identity", async lifecycle =>
    {
        CtyValue Create(ProviderSession s) => lifecycle.Config(s, "app", "payments-api", "create");
        CtyValue Update(ProviderSession s) => lifecycle.Config(s, "app", "payments-api-v2", "update");

        await lifecycle.ValidateAsync("app", "payments-api");
        Skip.IfNot(
            lifecycle.Cli.Schemas.IdentityType(AssociationLifecycle.Type) is not null,
            $"the provider declares no resource identity for {AssociationLifecycle.Type} (GetResourceIdentitySchemas has none): issue 13 item 1 is not in this build");

        var created = await lifecycle.ApplyAsync("apply (create)", null, Create);
        Assert.NotNull(created);
        await lifecycle.ImportByIdentityAsync(created, Create, requiredOnly: false);
        await lifecycle.ImportByIdentityAsync(created, Create, requiredOnly: true);
        var updated = await lifecycle.UpdateWithoutPriorIdentityAsync(created, Update);
        await lifecycle.UpgradeIdentityAsync(updated);
        await lifecycle.DestroyAsync(updated, Update);
    });

    [SkippableTheory]
    [MemberData(nameof(QueryClients))]
    public Task List(string client) => RunAsync(client, "list", async lifecycle =>
    {
        await lifecycle.ValidateAsync("app", "payments-api");
        Skip.IfNot(
            lifecycle.Cli.Schemas.ListResource(AssociationLifecycle.Type) is not null,
            $"the provider declares no list resource {AssociationLifecycle.Type} (list_resource_schemas): issue 13 item 2 is not in this build");

        var app = await lifecycle.ApplyAsync("apply (create app)", null, s => lifecycle.Config(s, "app", "payments-api", "list"));
        var worker = await lifecycle.ApplyAsync("apply (create worker)", null, s => lifecycle.Config(s, "worker", "ledger-reader", "list"));
        Assert.NotNull(app);
        Assert.NotNull(worker);
        var ns = app.Value.GetAttribute("namespace").AsString();

        await lifecycle.QueryAsync(s => s.ListConfig(ListSteps.Cluster, ns), async (s, config) =>
        {
            var (all, diagnostics, _) = await s.ListAsync(config, includeResourceObject: true);
            Diagnostics.AssertNoErrors("ListResource", diagnostics);
            lifecycle.AssertResults(all, [app, worker], withObjects: true);

            var (bare, _, _) = await s.ListAsync(config, includeResourceObject: false);
            lifecycle.AssertResults(bare, [app, worker], withObjects: false);

            var (limited, _, events) = await s.ListAsync(config, includeResourceObject: false, limit: 1, readPastLimit: true);
            Assert.Single(limited);
            Assert.Equal(1, events);
            return true;
        });

        await lifecycle.QueryAsync(s => s.ListConfig(ListSteps.Cluster, ns, "worker"), async (s, config) =>
        {
            var (one, diagnostics, _) = await s.ListAsync(config, includeResourceObject: true);
            Diagnostics.AssertNoErrors("ListResource", diagnostics);
            lifecycle.AssertResults(one, [worker], withObjects: true);
            return true;
        });

        await lifecycle.QueryAsync(s => s.ListConfig("no-such-cluster"), async (s, config) =>
        {
            var (none, diagnostics, _) = await s.ListAsync(config, includeResourceObject: true);
            Assert.Empty(none);
            Assert.Contains(diagnostics, d => d.Severity == Tfplugin6.Diagnostic.Types.Severity.Error);
            return true;
        });

        await lifecycle.DestroyAsync(app, s => lifecycle.Config(s, "app", "payments-api", "list"));
        await lifecycle.DestroyAsync(worker, s => lifecycle.Config(s, "worker", "ledger-reader", "list"));
    });

    // The calls of every command go to the test output, pass or fail: the matrix report reads them from there.
    private async Task RunAsync(string client, string purpose, Func<AssociationLifecycle, Task> body)
    {
        var lifecycle = fixture.Lifecycle(ClientProfiles.All.Single(p => p.DisplayName == client), purpose);
        try
        {
            await body(lifecycle);
        }
        finally
        {
            output.WriteLine(string.Join('\n', lifecycle.Cli.Calls));
        }
    }

    private static TheoryData<string> Names(IEnumerable<ClientProfile> profiles)
    {
        var data = new TheoryData<string>();
        foreach (var profile in profiles)
        {
            data.Add(profile.DisplayName);
        }

        return data;
    }
}
