using PodIdentity.Plugin.Framework;
using PodIdentity.Provider.Shared;
using N = PodIdentity.Provider.Addons.AddonNames;

namespace PodIdentity.Provider.Addons;

// Import by "cluster_name:addon_name", optionally "@region"; import by identity is in IdentifiedResource.
internal sealed partial class AddonResource
{
    protected override Task ImportObjectAsync(ImportStateRequest request, ImportStateResponse response, CancellationToken cancellationToken)
    {
        if (AddonImportId.Parse(request.Id, out var problem) is not { } id)
        {
            response.Diagnostics.AddError(
                "Invalid import id",
                $"\"{request.Id}\" is not an EKS add-on import id: {problem} Use \"cluster_name:addon_name\" "
                + "(for example \"my-cluster:eks-pod-identity-agent\"), optionally followed by \"@region\".");
            return Task.CompletedTask;
        }

        var context = Context;

        // Read runs next and fills in everything else (a missing add-on becomes "cannot import non-existent object").
        response.State = ImportedState(response.State, context.RegionOr(id.Region), id.ClusterName, id.AddonName);
        return Task.CompletedTask;
    }
}
