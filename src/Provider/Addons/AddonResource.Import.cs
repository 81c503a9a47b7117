using PodIdentity.Plugin.Framework;
using PodIdentity.Plugin.Values;
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
        response.State = AddonIdentity.ImportedState(response.State, id.ClusterName, id.AddonName, context.RegionOr(id.Region));
        return Task.CompletedTask;
    }

    protected override CtyValue ImportedState(CtyValue empty, string region, IReadOnlyDictionary<string, string> keys) =>
        AddonIdentity.ImportedState(empty, keys[N.ClusterName], keys[N.AddonName], region);
}
