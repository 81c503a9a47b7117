using PodIdentity.Plugin.Values;

namespace PodIdentity.Protocol.Compatibility.Lifecycle;

/// <summary>The identity-only requests of issue 13 item 1, as Terraform 1.12+/OpenTofu 1.12 send them.</summary>
internal static class IdentitySteps
{
    /// <summary>An import block with <c>identity = {...}</c>: ImportResourceState with identity and no id. With
    /// <paramref name="requiredOnly"/> the block names only cluster_name and association_id, and the client sends
    /// account_id and region as null for the provider to fill in.</summary>
    public static Task<StoredObject> ImportByIdentityAsync(
        this AssociationLifecycle lifecycle, StoredObject expected, Func<ProviderSession, CtyValue> configFor, bool requiredOnly)
    {
        var identity = TestValues.Object(lifecycle.Cli.Schemas.IdentityType(AssociationLifecycle.Type)!,
            ("account_id", requiredOnly ? CtyValue.Null(CtyType.String) : CtyValue.String(EmulatorSeed.AccountId)),
            ("region", requiredOnly ? CtyValue.Null(CtyType.String) : CtyValue.String(EmulatorSeed.Region)),
            ("cluster_name", expected.Value.GetAttribute("cluster_name")),
            ("association_id", expected.Value.GetAttribute("association_id")));
        return lifecycle.ImportAsync(
            requiredOnly ? "apply (import by identity, required attributes only)" : "apply (import by identity)", expected, configFor, id: null, identity);
    }

    /// <summary>
    /// An update whose state has no identity (written by a client or provider version without identity) planned with
    /// -refresh=false, so no ReadResource fills it in first: prior_identity and planned_identity arrive empty and the
    /// apply must still return the identity ("missing resource identity after update" must not happen).
    /// </summary>
    public static async Task<StoredObject> UpdateWithoutPriorIdentityAsync(
        this AssociationLifecycle lifecycle, StoredObject state, Func<ProviderSession, CtyValue> configFor)
    {
        var applied = await lifecycle.ApplyAsync(
            "apply -refresh=false (state without identity)", state with { Identity = CtyValue.Null(CtyType.Dynamic) }, configFor, refresh: false);
        Assert.NotNull(applied);
        Assert.Equal(lifecycle.ExpectedIdentity(applied.Value), applied.Identity);
        return applied;
    }

    /// <summary>UpgradeResourceIdentity with the stored identity JSON. The clients call it only when the stored identity
    /// version differs from the schema's; at the current version the answer must be the identity unchanged.</summary>
    public static async Task UpgradeIdentityAsync(this AssociationLifecycle lifecycle, StoredObject state)
    {
        lifecycle.Cli.NewCommand("plan (identity stored at the current version)");
        await lifecycle.Cli.WalkAsync(Walk.Plan, async s =>
        {
            await s.ConfigureAsync(lifecycle.ProviderConfig(s));
            var version = s.Schemas.IdentitySchemas[AssociationLifecycle.Type].Version;
            var upgraded = await s.UpgradeResourceIdentityAsync(AssociationLifecycle.Type, version, state.Identity);
            Assert.Equal(state.Identity, upgraded);
        });
    }
}
