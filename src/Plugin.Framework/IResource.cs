namespace PodIdentity.Plugin.Framework;

/// <summary>
/// A managed resource type. Each call fills its response; report user-facing failures as diagnostics (with an
/// attribute path where one applies) rather than throwing. Optional capabilities are the IResourceWith* interfaces.
/// </summary>
public interface IResource
{
    /// <summary>The full type name, e.g. <c>aws_eks_pod_identity_association</c>.</summary>
    string TypeName { get; }

    Schema Schema { get; }

    Task CreateAsync(CreateRequest request, CreateResponse response, CancellationToken cancellationToken);

    /// <summary>Refresh. Set <see cref="ReadResponse.State"/> to null (with a warning) when the object is gone.</summary>
    Task ReadAsync(ReadRequest request, ReadResponse response, CancellationToken cancellationToken);

    Task UpdateAsync(UpdateRequest request, UpdateResponse response, CancellationToken cancellationToken);

    /// <summary>"Not found" should count as success.</summary>
    Task DeleteAsync(DeleteRequest request, DeleteResponse response, CancellationToken cancellationToken);
}

/// <summary>
/// The Configure step: after ConfigureProvider succeeds the framework hands the provider's data
/// (<see cref="ProviderConfigureResponse.ProviderData"/>) to each resource once, before any call that may use it.
/// </summary>
public interface IResourceWithConfigure : IResource
{
    void Configure(object? providerData);
}

/// <summary><c>terraform import</c> and import blocks; Terraform calls Read right after.</summary>
public interface IResourceWithImportState : IResource
{
    Task ImportStateAsync(ImportStateRequest request, ImportStateResponse response, CancellationToken cancellationToken);
}

/// <summary>Resource-level plan logic, run after attribute plan modifiers (also for destroy plans).</summary>
public interface IResourceWithModifyPlan : IResource
{
    Task ModifyPlanAsync(ModifyPlanRequest request, ModifyPlanResponse response, CancellationToken cancellationToken);
}

/// <summary>Imperative configuration checks beyond attribute and config validators.</summary>
public interface IResourceWithValidateConfig : IResource
{
    void ValidateConfig(ValidateConfigRequest request, Diagnostics diagnostics);
}

/// <summary>Declarative cross-attribute checks.</summary>
public interface IResourceWithConfigValidators : IResource
{
    IReadOnlyList<IConfigValidator> ConfigValidators { get; }
}

/// <summary>Converts state stored by an older schema version to the current schema.</summary>
public interface IResourceWithUpgradeState : IResource
{
    void UpgradeState(UpgradeStateRequest request, UpgradeStateResponse response);
}
