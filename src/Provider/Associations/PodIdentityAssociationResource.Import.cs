using PodIdentity.Aws.Clients;
using PodIdentity.Plugin.Framework;
using PodIdentity.Provider.Shared;

namespace PodIdentity.Provider.Associations;

// Import by "cluster,association_id" or by the natural key "cluster,namespace,service_account" (each "@region" optional);
// import by identity is in IdentifiedResource.
internal sealed partial class PodIdentityAssociationResource
{
    protected override async Task ImportObjectAsync(ImportStateRequest request, ImportStateResponse response, CancellationToken cancellationToken)
    {
        if (AssociationImportId.Parse(request.Id, out var problem) is not { } id)
        {
            response.Diagnostics.AddError(
                "Invalid import id",
                $"\"{request.Id}\" is not a pod identity association import id: {problem} Use {AssociationImportId.Formats}.");
            return;
        }

        var context = Context;

        var region = context.RegionOr(id.Region);
        var associationId = id.AssociationId;
        if (id.ByNaturalKey)
        {
            try
            {
                var page = await context.EksFor(region).ListPodIdentityAssociationsAsync(
                    new ListPodIdentityAssociationsRequest(id.ClusterName) { Namespace = id.Namespace, ServiceAccount = id.ServiceAccount },
                    cancellationToken).ConfigureAwait(false);
                associationId = page.Associations.FirstOrDefault(a =>
                    a.Namespace == id.Namespace && a.ServiceAccount == id.ServiceAccount)?.AssociationId;
            }
            catch (Exception e) when (AwsErrors.IsReportable(e))
            {
                AwsErrors.Add(response.Diagnostics, "Error finding the EKS Pod Identity Association to import", e);
                return;
            }
        }

        // Only the natural key can come up empty (an ID names the association itself).
        if (associationId is null)
        {
            response.Diagnostics.AddError(
                "Cannot import non-existent remote object",
                $"Cluster {id.ClusterName} ({region}) has no pod identity association for namespace \"{id.Namespace}\" "
                + $"and service account \"{id.ServiceAccount}\".");
            return;
        }

        // Read runs next and fills in everything else.
        response.State = ImportedState(response.State, region, id.ClusterName, associationId);
    }
}
