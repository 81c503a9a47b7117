using PodIdentity.Aws.Clients;
using PodIdentity.Plugin.Framework;
using PodIdentity.Plugin.Values;
using static PodIdentity.Provider.Resources.StringAttributes;

namespace PodIdentity.Provider.Resources;

/// <summary>
/// <c>data "aws_eks_pod_identity_associations"</c>: every association of a cluster (all pages), optionally only
/// those of one namespace, or of one service account in it.
/// </summary>
internal sealed class PodIdentityAssociationsDataSource : IDataSourceWithValidateConfig
{
    private static readonly Schema DataSchema = new()
    {
        Description = "Lists the EKS Pod Identity associations of a cluster, optionally filtered by namespace and service account.",
        Attributes =
        [
            Required(Names.ClusterName, "The cluster whose associations to list.", AssociationValidators.ClusterName),
            new SchemaAttribute
            {
                Name = Names.Namespace,
                Type = CtyType.String,
                Optional = true,
                Description = "Only associations in this namespace.",
                Validators = [AssociationValidators.Namespace],
            },
            new SchemaAttribute
            {
                Name = Names.ServiceAccount,
                Type = CtyType.String,
                Optional = true,
                Description = "Only associations of this service account (requires namespace).",
                Validators = [AssociationValidators.ServiceAccount],
            },
            new SchemaAttribute
            {
                Name = Names.Region,
                Type = CtyType.String,
                Optional = true,
                Computed = true,
                Description = "The region of the cluster; defaults to the provider's region.",
            },
            new SchemaAttribute { Name = Names.Id, Type = CtyType.String, Computed = true, Description = "The cluster name." },
            new SchemaAttribute
            {
                Name = Names.Associations,
                Computed = true,
                Description = "The matching associations, in the order EKS lists them.",
                NestedType = new NestedAttributes
                {
                    Nesting = NestingMode.List,
                    Attributes =
                    [
                        Output(Names.AssociationArn, "The ARN of the association."),
                        Output(Names.AssociationId, "The id of the association."),
                        Output(Names.ClusterName, "The cluster of the association."),
                        Output(Names.Namespace, "The namespace of the association."),
                        Output(Names.ServiceAccount, "The service account of the association."),
                        Output(Names.OwnerArn, "Set when an EKS add-on owns the association."),
                    ],
                },
            },
        ],
    };

    public string TypeName => Names.ListDataSourceType;

    public Schema Schema => DataSchema;

    private static ObjectType ItemType => ((ListType)DataSchema.FindAttribute(Names.Associations)!.ValueType).ElementType as ObjectType
        ?? throw new InvalidOperationException("associations must be a list of objects.");

    public void ValidateConfig(ValidateConfigRequest request, Diagnostics diagnostics)
    {
        var ns = request.Config.GetAttribute(Names.Namespace);
        var sa = request.Config.GetAttribute(Names.ServiceAccount);
        if (ns.IsKnown && ns.IsNull && sa.IsKnown && !sa.IsNull)
        {
            diagnostics.AddError("Missing namespace", "EKS filters by service account only within a namespace: set namespace too.",
                AttributePath.Root.Attribute(Names.Namespace));
        }
    }

    public async Task ReadAsync(DataSourceReadRequest request, DataSourceReadResponse response, CancellationToken cancellationToken)
    {
        if (AwsProviderContext.From(request.ProviderData, response.Diagnostics) is not { } context)
        {
            return;
        }

        var config = request.Config;
        var cluster = config.GetString(Names.ClusterName)!;
        var region = context.RegionOr(config.GetString(Names.Region));
        var filter = new ListPodIdentityAssociationsRequest(cluster)
        {
            Namespace = config.GetString(Names.Namespace),
            ServiceAccount = config.GetString(Names.ServiceAccount),
        };

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
            .WithString(Names.Id, cluster)
            .WithString(Names.Region, region)
            .WithAttribute(Names.Associations, CtyValue.List(ItemType, items));
    }

    private static CtyValue Item(PodIdentityAssociationSummary a) => ValueAccess.EmptyObject(ItemType)
        .WithString(Names.AssociationArn, a.AssociationArn)
        .WithString(Names.AssociationId, a.AssociationId)
        .WithString(Names.ClusterName, a.ClusterName)
        .WithString(Names.Namespace, a.Namespace)
        .WithString(Names.ServiceAccount, a.ServiceAccount)
        .WithString(Names.OwnerArn, string.IsNullOrEmpty(a.OwnerArn) ? null : a.OwnerArn);
}
