using PodIdentity.Plugin.Values;
using PodIdentity.Protocol.Compatibility.Wire;

namespace PodIdentity.Protocol.Compatibility.Lifecycle;

/// <summary>
/// <c>aws_eks_pod_identity_association</c> driven through whole CLI commands of one client: validate, apply (plan walk,
/// then apply walk with the apply-time re-plan), plan with refresh, import, destroy. Each step checks what the client
/// would check and what the issue asks of the provider.
/// </summary>
internal sealed class AssociationLifecycle(Cli cli, Uri emulator, string ns)
{
    public const string Type = "aws_eks_pod_identity_association";

    public Cli Cli => cli;

    /// <summary>Whether this client sends identities and the provider declares one for the resource type.</summary>
    public bool IdentityInUse => cli.Profile.SendsIdentity && cli.Schemas.IdentityType(Type) is not null;

    public CtyValue ProviderConfig(ProviderSession s) => ProviderSetup.Config(s.Schemas.Provider, emulator);

    public CtyValue Config(ProviderSession s, string serviceAccount, string role, string step) =>
        s.Schemas.Resource(Type).Config(new Dictionary<string, CtyValue>
        {
            ["cluster_name"] = CtyValue.String(EmulatorSeed.ClusterName),
            ["namespace"] = CtyValue.String(ns),
            ["service_account"] = CtyValue.String(serviceAccount),
            ["role_arn"] = CtyValue.String(EmulatorSeed.RoleArn(role)),
            ["tags"] = CtyValue.Map(CtyType.String, [new("matrix-step", CtyValue.String(step))]),
        });

    /// <summary>The identity the provider must report: the names hashicorp/aws uses, region and account from the provider.</summary>
    public CtyValue ExpectedIdentity(CtyValue state) =>
        TestValues.Object(cli.Schemas.IdentityType(Type)!,
            ("account_id", CtyValue.String(EmulatorSeed.AccountId)),
            ("region", CtyValue.String(EmulatorSeed.Region)),
            ("cluster_name", state.GetAttribute("cluster_name")),
            ("association_id", state.GetAttribute("association_id")));

    /// <summary>terraform validate: the provider block and the resource block.</summary>
    public async Task ValidateAsync(string serviceAccount, string role)
    {
        cli.NewCommand("validate");
        await cli.WalkAsync(Walk.Validate, async s =>
        {
            Assert.True(s.Schemas.Raw.ResourceSchemas.ContainsKey(Type), "the provider has no " + Type);
            await s.ValidateProviderConfigAsync(ProviderConfig(s));
            await s.ValidateResourceConfigAsync(Type, Config(s, serviceAccount, role, "validate"));
        });
    }

    /// <summary>
    /// terraform apply: validate walk, plan walk (refresh, validate, plan), then, unless nothing changes, the apply walk
    /// (re-plan, apply). Returns the new state.
    /// </summary>
    public async Task<StoredObject?> ApplyAsync(
        string command, StoredObject? state, Func<ProviderSession, CtyValue> configFor, Action<PlannedChange>? checkPlan = null, bool refresh = true)
    {
        cli.NewCommand(command);
        await ValidateWalkAsync(configFor);
        var (current, plan) = await PlanWalkAsync(state, configFor, refresh, checkPlan);
        if (current is not null && plan.Planned.Equals(current.Value))
        {
            // "No changes": the CLI does not run the apply walk.
            return current;
        }

        return await ApplyWalkAsync(current, plan, configFor);
    }

    private Task ValidateWalkAsync(Func<ProviderSession, CtyValue> configFor) =>
        cli.WalkAsync(Walk.Validate, async s =>
        {
            await s.ValidateProviderConfigAsync(ProviderConfig(s));
            await s.ValidateResourceConfigAsync(Type, configFor(s));
        });

    /// <summary>A plan walk for one resource: ConfigureProvider, the object in state refreshed (or only upgraded), then
    /// ValidateResourceConfig and PlanResourceChange, or for a null config (a destroy plan) only PlanResourceChange.</summary>
    private Task<(StoredObject? Current, PlannedChange Plan)> PlanWalkAsync(
        StoredObject? state, Func<ProviderSession, CtyValue> configFor, bool refresh, Action<PlannedChange>? checkPlan = null) =>
        cli.WalkAsync(Walk.Plan, async s =>
        {
            await s.ConfigureAsync(ProviderConfig(s));
            var current = state is null ? null : refresh ? await RefreshAsync(s, state) : await UpgradeAsync(s, state);
            var config = configFor(s);
            if (!config.IsNull)
            {
                await s.ValidateResourceConfigAsync(Type, config);
            }

            var change = await s.PlanResourceChangeAsync(Type, current, config);
            if (config.IsNull)
            {
                Assert.True(change.Planned.IsNull, "a destroy must plan a null object");
            }
            else
            {
                PlanChecks.AssertPlanValid(s.Schemas.Resource(Type), change.Prior, config, change.Planned);
            }

            checkPlan?.Invoke(change);
            return (current, change);
        });

    /// <summary>The apply walk: ConfigureProvider, the state object upgraded, the apply-time re-plan (not for a destroy),
    /// which must agree with the plan, then ApplyResourceChange, whose result must agree with the final plan.</summary>
    private Task<StoredObject?> ApplyWalkAsync(StoredObject? current, PlannedChange plan, Func<ProviderSession, CtyValue> configFor) =>
        cli.WalkAsync(Walk.Apply, async s =>
        {
            await s.ConfigureAsync(ProviderConfig(s));
            if (current is not null)
            {
                await s.UpgradeResourceStateAsync(Type, current.Value);
            }

            var shape = s.Schemas.Resource(Type);
            var config = configFor(s);
            var final = plan;
            if (!config.IsNull)
            {
                await s.ValidateResourceConfigAsync(Type, config);
                final = await s.PlanResourceChangeAsync(Type, current, config);
                PlanChecks.AssertObjectCompatible(shape, plan.Planned, final.Planned, "inconsistent final plan");
            }

            var applied = await s.ApplyResourceChangeAsync(Type, final);
            if (config.IsNull)
            {
                Assert.Null(applied);
                return null;
            }

            Assert.NotNull(applied);
            Assert.True(applied.Value.IsWhollyKnown, "the applied object has unknown values: " + applied.Value);
            PlanChecks.AssertObjectCompatible(shape, final.Planned, applied.Value, "inconsistent result after apply");
            if (IdentityInUse)
            {
                Assert.Equal(ExpectedIdentity(applied.Value), applied.Identity);
            }

            return applied;
        });

    /// <summary>terraform plan: refresh and plan with the same configuration; the plan must be empty.</summary>
    public async Task<StoredObject> PlanNoChangesAsync(StoredObject state, Func<ProviderSession, CtyValue> configFor)
    {
        cli.NewCommand("plan");
        return await cli.WalkAsync(Walk.Plan, async s =>
        {
            await s.ConfigureAsync(ProviderConfig(s));
            var refreshed = await RefreshAsync(s, state);
            Assert.Equal(state.Value, refreshed.Value);
            var config = configFor(s);
            await s.ValidateResourceConfigAsync(Type, config);
            var change = await s.PlanResourceChangeAsync(Type, refreshed, config);
            PlanChecks.AssertNoChanges(change);
            if (IdentityInUse && !change.PlannedIdentity.IsNull)
            {
                Assert.Equal(refreshed.Identity, change.PlannedIdentity);
            }

            return refreshed;
        });
    }

    /// <summary>
    /// An import block into empty state: ImportResourceState (by id, or by identity), then the refresh of the imported
    /// object, then the plan, which must show no change. The imported, refreshed object must be the one in
    /// <paramref name="expected"/>, exactly as read stores it.
    /// </summary>
    public async Task<StoredObject> ImportAsync(string command, StoredObject expected, Func<ProviderSession, CtyValue> configFor, string? id, CtyValue? identity = null)
    {
        cli.NewCommand(command);
        await cli.WalkAsync(Walk.Validate, async s =>
        {
            await s.ValidateProviderConfigAsync(ProviderConfig(s));
            await s.ValidateResourceConfigAsync(Type, configFor(s));
        });
        return await cli.WalkAsync(Walk.Plan, async s =>
        {
            await s.ConfigureAsync(ProviderConfig(s));
            var imported = await s.ImportResourceStateAsync(Type, id, identity);
            if (IdentityInUse)
            {
                Assert.Equal(ExpectedIdentity(expected.Value), imported.Identity);
            }

            var (refreshed, _) = await s.ReadResourceAsync(Type, imported);
            Assert.NotNull(refreshed);
            Assert.Equal(expected.Value, refreshed.Value);
            if (IdentityInUse)
            {
                Assert.Equal(expected.Identity, refreshed.Identity);
            }

            var config = configFor(s);
            await s.ValidateResourceConfigAsync(Type, config);
            PlanChecks.AssertNoChanges(await s.PlanResourceChangeAsync(Type, refreshed, config));
            return refreshed;
        });
    }

    /// <summary>
    /// terraform destroy: validate walk; the pre-destroy refresh, a normal plan that must show no change; the destroy
    /// plan walk (PlanResourceChange with a null proposed state when the provider plans destroys); the apply walk,
    /// whose ApplyResourceChange must return a null object. Then a refresh must find the association gone.
    /// </summary>
    public async Task DestroyAsync(StoredObject state, Func<ProviderSession, CtyValue> configFor)
    {
        cli.NewCommand("destroy");
        await ValidateWalkAsync(configFor);
        var (refreshed, _) = await PlanWalkAsync(state, configFor, refresh: true, PlanChecks.AssertNoChanges);
        CtyValue Destroyed(ProviderSession s) => CtyValue.Null(s.Schemas.Resource(Type).Type);
        var (current, plan) = await PlanWalkAsync(refreshed, Destroyed, refresh: false);
        Assert.Null(await ApplyWalkAsync(current, plan, Destroyed));

        cli.NewCommand("plan (after destroy)");
        await cli.WalkAsync(Walk.Plan, async s =>
        {
            await s.ConfigureAsync(ProviderConfig(s));
            var (read, diagnostics) = await s.ReadResourceAsync(Type, await UpgradeAsync(s, refreshed!));
            Assert.Null(read);
            Assert.Contains(diagnostics, d => d.Severity == Tfplugin6.Diagnostic.Types.Severity.Warning);
        });
    }

    /// <summary>What a plan walk does with an object in state: UpgradeResourceState (same version: must not change it),
    /// then ReadResource with the stored private bytes and identity.</summary>
    public async Task<StoredObject> RefreshAsync(ProviderSession s, StoredObject state)
    {
        var current = await UpgradeAsync(s, state);
        var (read, _) = await s.ReadResourceAsync(Type, current);
        Assert.NotNull(read);
        Assert.True(read.Value.IsWhollyKnown, "read returned unknown values");
        if (!state.Private.IsEmpty)
        {
            Assert.False(read.Private.IsEmpty, "read dropped the private state it was given");
        }

        if (IdentityInUse)
        {
            Assert.Equal(ExpectedIdentity(read.Value), read.Identity);
        }

        return read;
    }

    private static async Task<StoredObject> UpgradeAsync(ProviderSession s, StoredObject state)
    {
        var upgraded = await s.UpgradeResourceStateAsync(Type, state.Value);
        Assert.Equal(state.Value, upgraded);
        return state with { Value = upgraded };
    }
}
