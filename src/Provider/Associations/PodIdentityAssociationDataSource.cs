using PodIdentity.Aws.Clients;
using PodIdentity.Plugin.Framework;
using PodIdentity.Plugin.Values;
using PodIdentity.Provider.Shared;
using static PodIdentity.Provider.Shared.StringAttributes;

namespace PodIdentity.Provider.Associations;

/// <summary>
/// <c>data "aws_eks_pod_identity_association"</c>: one association, by <c>association_id</c> or by
/// <c>namespace</c> + <c>service_account</c>, with every attribute of the resource.
/// </summary>
internal sealed class PodIdentityAssociationDataSource() : ConfiguredDataSource(AssociationNames.ResourceType, DataSchema), IDataSourceWithValidateConfig
{
    private static readonly Schema DataSchema = new()
    {
        Description = "Looks up one EKS Pod Identity association by id, or by the namespace and service account it serves.",
        Attributes =
        [
            Required(AssociationNames.ClusterName, "The cluster of the association.", EksValidators.ClusterName),
            Lookup(AssociationNames.AssociationId, "The association id. Give this, or namespace and service_account."),
            Lookup(AssociationNames.Namespace, "The namespace of the association (with service_account)."),
            Lookup(AssociationNames.ServiceAccount, "The service account of the association (with namespace)."),
            Lookup(AssociationNames.Region, "The region of the cluster; defaults to the provider's region."),
            Output(AssociationNames.Id, "The association id."),
            Output(AssociationNames.AssociationArn, "The ARN of the association."),
            Output(AssociationNames.RoleArn, "The IAM role the pods get credentials for."),
            Output(AssociationNames.TargetRoleArn, "The target role EKS chains into, if any."),
            Output(AssociationNames.ExternalId, "The external id EKS uses when it assumes the target role."),
            new SchemaAttribute { Name = AssociationNames.DisableSessionTags, Type = CtyType.Bool, Computed = true, Description = "Whether EKS adds no session tags." },
            Output(AssociationNames.Policy, "The session policy, if any."),
            new SchemaAttribute
            {
                Name = AssociationNames.Tags,
                Type = CtyType.Map(CtyType.String),
                Computed = true,
                Description = "The association's tags, without keys the provider's ignore_tags names.",
            },
            Output(AssociationNames.OwnerArn, "Set when an EKS add-on owns the association."),
            Output(AssociationNames.CreatedAt, "When the association was created (RFC 3339)."),
            Output(AssociationNames.ModifiedAt, "When the association was last modified (RFC 3339)."),
        ],
    };

    public void ValidateConfig(ValidateConfigRequest request, Diagnostics diagnostics)
    {
        var config = request.Config;
        var id = config.GetAttribute(AssociationNames.AssociationId);
        var ns = config.GetAttribute(AssociationNames.Namespace);
        var sa = config.GetAttribute(AssociationNames.ServiceAccount);
        if (!id.IsKnown || !ns.IsKnown || !sa.IsKnown)
        {
            return;
        }

        var byKey = !ns.IsNull || !sa.IsNull;
        if (!id.IsNull && byKey)
        {
            diagnostics.AddError("Invalid Attribute Combination",
                "Look the association up either by association_id or by namespace and service_account, not both.",
                AttributePath.Root.Attribute(AssociationNames.AssociationId));
        }
        else if (id.IsNull && (ns.IsNull || sa.IsNull))
        {
            diagnostics.AddError("Missing lookup key",
                "Set association_id, or both namespace and service_account.",
                AttributePath.Root.Attribute(ns.IsNull ? AssociationNames.Namespace : AssociationNames.ServiceAccount));
        }
    }

    public override async Task ReadAsync(DataSourceReadRequest request, DataSourceReadResponse response, CancellationToken cancellationToken)
    {
        var context = Context;

        var config = request.Config;
        var cluster = config.GetString(AssociationNames.ClusterName)!;
        var region = context.RegionOf(config);
        var eks = context.EksFor(region);
        PodIdentityAssociation found;
        try
        {
            var id = config.GetString(AssociationNames.AssociationId);
            if (id is null)
            {
                var ns = config.GetString(AssociationNames.Namespace)!;
                var sa = config.GetString(AssociationNames.ServiceAccount)!;
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
            .WithString(AssociationNames.Id, found.AssociationId)
            .WithString(AssociationNames.AssociationId, found.AssociationId)
            .WithString(AssociationNames.AssociationArn, found.AssociationArn)
            .WithString(AssociationNames.Namespace, found.Namespace)
            .WithString(AssociationNames.ServiceAccount, found.ServiceAccount)
            .WithString(AssociationNames.Region, region)
            .WithString(AssociationNames.RoleArn, found.RoleArn)
            .WithString(AssociationNames.TargetRoleArn, NullIfEmpty(found.TargetRoleArn))
            .WithString(AssociationNames.ExternalId, NullIfEmpty(found.ExternalId))
            .WithBool(AssociationNames.DisableSessionTags, found.DisableSessionTags ?? false)
            .WithString(AssociationNames.Policy, NullIfEmpty(found.Policy))
            .WithAttribute(AssociationNames.Tags, ResourceTags.ToMap(context.TagPolicy.RemoveIgnored(found.Tags ?? new Dictionary<string, string>())))
            .WithString(AssociationNames.OwnerArn, NullIfEmpty(found.OwnerArn))
            .WithString(AssociationNames.CreatedAt, Timestamp(found.CreatedAt))
            .WithString(AssociationNames.ModifiedAt, Timestamp(found.ModifiedAt));
    }
}
