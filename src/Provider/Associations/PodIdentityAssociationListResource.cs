using PodIdentity.Aws.Clients;
using PodIdentity.Plugin.Framework;
using PodIdentity.Provider.Shared;
using static PodIdentity.Provider.Shared.StringAttributes;

namespace PodIdentity.Provider.Associations;

/// <summary>
/// <c>list "aws_eks_pod_identity_association"</c> (<c>terraform query</c>): the associations of a cluster through
/// ListPodIdentityAssociations with the API's own namespace and service account filters (as the associations data
/// source takes them), page by page; with <c>include_resource</c>, each one read as a refresh would.
/// </summary>
internal sealed class PodIdentityAssociationListResource() : ListResourceOf<PodIdentityAssociationResource>(new(), Config), IListResourceWithValidateConfig
{
    private static readonly Schema Config = new()
    {
        Description = "Finds the EKS Pod Identity associations of a cluster, optionally of one namespace or service account.",
        Attributes = [.. AssociationFilter.Attributes, ListRegion],
    };

    public void ValidateConfig(ValidateConfigRequest request, Diagnostics diagnostics) => AssociationFilter.Validate(request.Config, diagnostics);

    public override IAsyncEnumerable<ListResult> ListAsync(ListRequest request, CancellationToken cancellationToken)
    {
        var context = Context;
        var region = context.RegionOf(request.Config);
        var filter = AssociationFilter.Request(request.Config, ListResults.PageSize(request.Limit));
        var found = context.EksFor(region).ListAllPodIdentityAssociationsAsync(filter, cancellationToken);
        return ListResults.Over(found, Result, $"Error listing EKS Pod Identity Associations of cluster {filter.ClusterName} ({region})", cancellationToken);

        // EKS always sends an id; a summary without one names nothing that could be imported.
        Task<ListResult?> Result(PodIdentityAssociationSummary a, CancellationToken ct) => a.AssociationId is not { } id
            ? Task.FromResult<ListResult?>(null)
            : Resource.ListedAsync(
                region, [a.ClusterName ?? filter.ClusterName, id], $"{a.Namespace}/{a.ServiceAccount} ({id})", request.IncludeResourceObject, ct);
    }
}
