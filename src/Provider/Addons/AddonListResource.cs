using System.Runtime.CompilerServices;
using PodIdentity.Aws.Clients;
using PodIdentity.Plugin.Framework;
using PodIdentity.Provider.Shared;
using static PodIdentity.Provider.Shared.StringAttributes;

namespace PodIdentity.Provider.Addons;

/// <summary>
/// <c>list "aws_eks_addon"</c> (<c>terraform query</c>): the add-ons of a cluster through ListAddons, page by page;
/// with <c>include_resource</c>, each one read (DescribeAddon) as a refresh would.
/// </summary>
internal sealed class AddonListResource() : ListResourceOf<AddonResource>(new(), Config)
{
    private static readonly Schema Config = new()
    {
        Description = "Finds the add-ons installed on an EKS cluster.",
        Attributes = [Required(AddonNames.ClusterName, "The cluster whose add-ons to list.", EksValidators.ClusterName), ListRegion],
    };

    public override IAsyncEnumerable<ListResult> ListAsync(ListRequest request, CancellationToken cancellationToken)
    {
        var context = Context;
        var region = context.RegionOf(request.Config);
        var cluster = request.Config.GetString(AddonNames.ClusterName)!;
        return ListResults.Over(
            AllAddonsAsync(context.EksFor(region), cluster, ListResults.PageSize(request.Limit), cancellationToken),
            (name, ct) => Resource.ListedAsync(region, [cluster, name], AddonState.ImportId(cluster, name), request.IncludeResourceObject, ct),
            $"Error listing EKS Add-Ons of cluster {cluster} ({region})",
            cancellationToken);
    }

    private static async IAsyncEnumerable<string> AllAddonsAsync(
        EksClient eks, string cluster, int pageSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? token = null;
        do
        {
            var page = await eks.ListAddonsAsync(cluster, pageSize, token, cancellationToken).ConfigureAwait(false);
            foreach (var name in page.Addons)
            {
                yield return name;
            }

            token = page.NextToken == token ? null : page.NextToken;
        }
        while (token is not null);
    }
}
