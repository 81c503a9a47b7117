using PodIdentity.Aws.Clients;
using PodIdentity.Plugin.Framework;
using PodIdentity.Plugin.Values;
using PodIdentity.Provider.Shared;
using static PodIdentity.Provider.Shared.StringAttributes;

namespace PodIdentity.Provider.Associations;

/// <summary>
/// <c>data "aws_eks_pod_identity_associations"</c>: every association of a cluster (all pages), optionally only
/// those of one namespace, or of one service account in it.
/// </summary>
internal sealed class PodIdentityAssociationsDataSource() : ConfiguredDataSource(AssociationNames.ListDataSourceType, DataSchema), IDataSourceWithValidateConfig
{
    private static readonly Schema DataSchema = new()
    {
        Description = "Lists the EKS Pod Identity associations of a cluster, optionally filtered by namespace and service account.",
        Attributes =
        [
            .. AssociationFilter.Attributes,
            Lookup(AssociationNames.Region, "The region of the cluster; defaults to the provider's region."),
            new SchemaAttribute { Name = AssociationNames.Id, Type = CtyType.String, Computed = true, Description = "The cluster name." },
            new SchemaAttribute
            {
                Name = AssociationNames.Associations,
                Computed = true,
                Description = "The matching associations, in the order EKS lists them.",
                NestedType = new NestedAttributes
                {
                    Nesting = NestingMode.List,
                    Attributes =
                    [
                        Output(AssociationNames.AssociationArn, "The ARN of the association."),
                        Output(AssociationNames.AssociationId, "The id of the association."),
                        Output(AssociationNames.ClusterName, "The cluster of the association."),
                        Output(AssociationNames.Namespace, "The namespace of the association."),
                        Output(AssociationNames.ServiceAccount, "The service account of the association."),
                        Output(AssociationNames.OwnerArn, "Set when an EKS add-on owns the association."),
                    ],
                },
            },
        ],
    };

    private static ObjectType ItemType => ((ListType)DataSchema.FindAttribute(AssociationNames.Associations)!.ValueType).ElementType as ObjectType
        ?? throw new InvalidOperationException("associations must be a list of objects.");

    public void ValidateConfig(ValidateConfigRequest request, Diagnostics diagnostics) => AssociationFilter.Validate(request.Config, diagnostics);

    public override async Task ReadAsync(DataSourceReadRequest request, DataSourceReadResponse response, CancellationToken cancellationToken)
    {
        var context = Context;

        var filter = AssociationFilter.Request(request.Config);
        var cluster = filter.ClusterName;
        var region = context.RegionOf(request.Config);

        var items = new List<CtyValue>();
        try
        {
            await foreach (var a in context.EksFor(region).ListAllPodIdentityAssociationsAsync(filter, cancellationToken).ConfigureAwait(false))
            {
                items.Add(Item(a));
            }
        }
        catch (Exception e) when (AwsErrors.IsReportable(e))
        {
            AwsErrors.Add(response.Diagnostics, $"Error listing EKS Pod Identity Associations of cluster {cluster}", e);
            return;
        }

        response.State = response.State
            .WithString(AssociationNames.Id, cluster)
            .WithString(AssociationNames.Region, region)
            .WithAttribute(AssociationNames.Associations, CtyValue.List(ItemType, items));
    }

    private static CtyValue Item(PodIdentityAssociationSummary a) => ValueAccess.EmptyObject(ItemType)
        .WithString(AssociationNames.AssociationArn, a.AssociationArn)
        .WithString(AssociationNames.AssociationId, a.AssociationId)
        .WithString(AssociationNames.ClusterName, a.ClusterName)
        .WithString(AssociationNames.Namespace, a.Namespace)
        .WithString(AssociationNames.ServiceAccount, a.ServiceAccount)
        .WithString(AssociationNames.OwnerArn, string.IsNullOrEmpty(a.OwnerArn) ? null : a.OwnerArn);
}
