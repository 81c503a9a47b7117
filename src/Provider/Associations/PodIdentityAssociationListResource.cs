using PodIdentity.Aws.Clients;
using PodIdentity.Plugin.Framework;
using PodIdentity.Plugin.Values;
using PodIdentity.Provider.Shared;
using static PodIdentity.Provider.Shared.StringAttributes;

namespace PodIdentity.Provider.Associations;

/// <summary>
/// <c>list "aws_eks_pod_identity_association"</c> (<c>terraform query</c>): the associations of a cluster through
/// ListPodIdentityAssociations with the API's own namespace and service account filters, page by page; with
/// <c>include_resource</c>, each one read as a refresh would.
/// </summary>
internal sealed class PodIdentityAssociationListResource : ConfiguredByProvider, IListResourceWithConfigure
{
    private static readonly Schema Config = new()
    {
        Description = "Finds the EKS Pod Identity associations of a cluster, optionally of one namespace or service account.",
        Attributes =
        [
            Required(AssociationNames.ClusterName, "The cluster whose associations to list.", EksValidators.ClusterName),
            new SchemaAttribute
            {
                Name = AssociationNames.Namespace,
                Type = CtyType.String,
                Optional = true,
                Description = "Only associations in this namespace.",
                Validators = [EksValidators.Namespace],
            },
            new SchemaAttribute
            {
                Name = AssociationNames.ServiceAccount,
                Type = CtyType.String,
                Optional = true,
                Description = "Only associations of this service account.",
                Validators = [EksValidators.ServiceAccount],
            },
            new SchemaAttribute
            {
                Name = AssociationNames.Region,
                Type = CtyType.String,
                Optional = true,
                Description = "The region of the cluster; defaults to the provider's region.",
            },
        ],
    };

    // Reads for include_resource go through the resource itself, configured alongside this list.
    private readonly PodIdentityAssociationResource _resource = new();

    public string TypeName => AssociationNames.ResourceType;

    public Schema ConfigSchema => Config;

    void IListResourceWithConfigure.Configure(object? providerData)
    {
        Configure(providerData);
        _resource.Configure(providerData);
    }

    public IAsyncEnumerable<ListResult> ListAsync(ListRequest request, CancellationToken cancellationToken)
    {
        var context = Context;
        var config = request.Config;
        var region = context.RegionOr(config.GetString(AssociationNames.Region));
        var cluster = config.GetString(AssociationNames.ClusterName)!;
        var found = context.EksFor(region).ListAllPodIdentityAssociationsAsync(
            new ListPodIdentityAssociationsRequest(cluster)
            {
                Namespace = config.GetString(AssociationNames.Namespace),
                ServiceAccount = config.GetString(AssociationNames.ServiceAccount),
                MaxResults = ListResults.PageSize(request.Limit),
            },
            cancellationToken);
        return ListResults.Over(found, Result, $"Error listing EKS Pod Identity Associations of cluster {cluster} ({region})", cancellationToken);

        // EKS always sends an id; a summary without one names nothing that could be imported.
        Task<ListResult?> Result(PodIdentityAssociationSummary a, CancellationToken ct) => a.AssociationId is not { } id
            ? Task.FromResult<ListResult?>(null)
            : ListResults.ResultAsync(
                _resource,
                AssociationIdentity.Instance,
                context,
                AssociationIdentity.ImportedState(ValueAccess.EmptyObject(AssociationSchema.Resource.Type), a.ClusterName ?? cluster, id, region),
                $"{a.Namespace}/{a.ServiceAccount} ({id})",
                request.IncludeResourceObject,
                ct);
    }
}
