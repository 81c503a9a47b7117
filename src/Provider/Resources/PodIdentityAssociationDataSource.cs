using PodIdentity.Aws.Clients;
using PodIdentity.Plugin.Framework;
using PodIdentity.Plugin.Values;
using static PodIdentity.Provider.Resources.StringAttributes;

namespace PodIdentity.Provider.Resources;

/// <summary>
/// <c>data "aws_eks_pod_identity_association"</c>: one association, by <c>association_id</c> or by
/// <c>namespace</c> + <c>service_account</c>, with every attribute of the resource.
/// </summary>
internal sealed class PodIdentityAssociationDataSource : IDataSourceWithValidateConfig
{
    private static readonly Schema DataSchema = new()
    {
        Description = "Looks up one EKS Pod Identity association by id, or by the namespace and service account it serves.",
        Attributes =
        [
            Required(Names.ClusterName, "The cluster of the association.", AssociationValidators.ClusterName),
            Lookup(Names.AssociationId, "The association id. Give this, or namespace and service_account."),
            Lookup(Names.Namespace, "The namespace of the association (with service_account)."),
            Lookup(Names.ServiceAccount, "The service account of the association (with namespace)."),
            Lookup(Names.Region, "The region of the cluster; defaults to the provider's region."),
            Output(Names.Id, "The association id."),
            Output(Names.AssociationArn, "The ARN of the association."),
            Output(Names.RoleArn, "The IAM role the pods get credentials for."),
            Output(Names.TargetRoleArn, "The target role EKS chains into, if any."),
            Output(Names.ExternalId, "The external id EKS uses when it assumes the target role."),
            new SchemaAttribute { Name = Names.DisableSessionTags, Type = CtyType.Bool, Computed = true, Description = "Whether EKS adds no session tags." },
            Output(Names.Policy, "The session policy, if any."),
            new SchemaAttribute
            {
                Name = Names.Tags,
                Type = CtyType.Map(CtyType.String),
                Computed = true,
                Description = "The association's tags, without keys the provider's ignore_tags names.",
            },
            Output(Names.OwnerArn, "Set when an EKS add-on owns the association."),
            Output(Names.CreatedAt, "When the association was created (RFC 3339)."),
            Output(Names.ModifiedAt, "When the association was last modified (RFC 3339)."),
        ],
    };

    public string TypeName => Names.ResourceType;

    public Schema Schema => DataSchema;

    public void ValidateConfig(ValidateConfigRequest request, Diagnostics diagnostics)
    {
        var config = request.Config;
        var id = config.GetAttribute(Names.AssociationId);
        var ns = config.GetAttribute(Names.Namespace);
        var sa = config.GetAttribute(Names.ServiceAccount);
        if (!id.IsKnown || !ns.IsKnown || !sa.IsKnown)
        {
            return;
        }

        var byKey = !ns.IsNull || !sa.IsNull;
        if (!id.IsNull && byKey)
        {
            diagnostics.AddError("Invalid Attribute Combination",
                "Look the association up either by association_id or by namespace and service_account, not both.",
                AttributePath.Root.Attribute(Names.AssociationId));
        }
        else if (id.IsNull && (ns.IsNull || sa.IsNull))
        {
            diagnostics.AddError("Missing lookup key",
                "Set association_id, or both namespace and service_account.",
                AttributePath.Root.Attribute(ns.IsNull ? Names.Namespace : Names.ServiceAccount));
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
        var eks = context.EksFor(region);
        PodIdentityAssociation found;
        try
        {
            var id = config.GetString(Names.AssociationId);
            if (id is null)
            {
                var ns = config.GetString(Names.Namespace)!;
                var sa = config.GetString(Names.ServiceAccount)!;
                var page = await eks.ListPodIdentityAssociationsAsync(
                    new ListPodIdentityAssociationsRequest(cluster) { Namespace = ns, ServiceAccount = sa }, cancellationToken).ConfigureAwait(false);
                id = page.Associations.FirstOrDefault(a => a.Namespace == ns && a.ServiceAccount == sa)?.AssociationId;
                if (id is null)
                {
                    response.Diagnostics.AddError(
                        "EKS Pod Identity Association not found",
                        $"Cluster {cluster} ({region}) has no pod identity association for namespace \"{ns}\" and service account \"{sa}\".");
                    return;
                }
            }

            found = await eks.DescribePodIdentityAssociationAsync(cluster, id, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (AwsErrors.IsReportable(e))
        {
            AwsErrors.Add(response.Diagnostics, "Error reading EKS Pod Identity Association", e);
            return;
        }

        response.State = response.State
            .WithString(Names.Id, found.AssociationId)
            .WithString(Names.AssociationId, found.AssociationId)
            .WithString(Names.AssociationArn, found.AssociationArn)
            .WithString(Names.Namespace, found.Namespace)
            .WithString(Names.ServiceAccount, found.ServiceAccount)
            .WithString(Names.Region, region)
            .WithString(Names.RoleArn, found.RoleArn)
            .WithString(Names.TargetRoleArn, NullIfEmpty(found.TargetRoleArn))
            .WithString(Names.ExternalId, NullIfEmpty(found.ExternalId))
            .WithBool(Names.DisableSessionTags, found.DisableSessionTags ?? false)
            .WithString(Names.Policy, NullIfEmpty(found.Policy))
            .WithAttribute(Names.Tags, AssociationTags.ToMap(context.TagPolicy.RemoveIgnored(found.Tags ?? new Dictionary<string, string>())))
            .WithString(Names.OwnerArn, NullIfEmpty(found.OwnerArn))
            .WithString(Names.CreatedAt, AssociationState.Timestamp(found.CreatedAt))
            .WithString(Names.ModifiedAt, AssociationState.Timestamp(found.ModifiedAt));
    }
}
