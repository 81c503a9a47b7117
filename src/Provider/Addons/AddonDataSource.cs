using PodIdentity.Aws.Clients;
using PodIdentity.Plugin.Framework;
using PodIdentity.Plugin.Values;
using PodIdentity.Provider.Shared;
using static PodIdentity.Provider.Shared.StringAttributes;
using N = PodIdentity.Provider.Addons.AddonNames;

namespace PodIdentity.Provider.Addons;

/// <summary><c>data "aws_eks_addon"</c>: one add-on by cluster and name, with every attribute the API returns.</summary>
internal sealed class AddonDataSource() : ConfiguredDataSource(N.ResourceType, DataSchema)
{
    private static readonly ObjectType NamespaceType = CtyType.Object(new Dictionary<string, CtyType> { [N.Namespace] = CtyType.String });

    private static readonly ObjectType AssociationType = CtyType.Object(new Dictionary<string, CtyType>
    {
        [N.RoleArn] = CtyType.String,
        [N.ServiceAccount] = CtyType.String,
    });

    private static readonly Schema DataSchema = new()
    {
        Description = "Looks up an EKS add-on installed on a cluster.",
        Attributes =
        [
            Required(N.ClusterName, "The cluster.", EksValidators.ClusterName),
            Required(N.AddonName, "The add-on, e.g. eks-pod-identity-agent."),
            Lookup(N.Region, "The region of the cluster; defaults to the provider's."),
            Output(N.Id, "cluster_name:addon_name."),
            Output(N.Arn, "The ARN of the add-on."),
            Output(N.AddonVersion, "The installed version."),
            Output(N.ConfigurationValues, "The add-on's configuration (JSON or YAML, as given)."),
            Output(N.ServiceAccountRoleArn, "The IRSA role of the add-on's service account, if any."),
            Output(N.Status, "The add-on status."),
            Output(N.CreatedAt, "When the add-on was created (RFC 3339)."),
            Output(N.ModifiedAt, "When the add-on was last modified (RFC 3339)."),
            new SchemaAttribute { Name = N.Tags, Type = CtyType.Map(CtyType.String), Computed = true, Description = "Tags, without keys ignore_tags names." },
            new SchemaAttribute { Name = N.NamespaceConfig, Type = CtyType.List(NamespaceType), Computed = true, Description = "The namespace the add-on runs in." },
            new SchemaAttribute
            {
                Name = N.PodIdentityAssociation,
                Type = CtyType.Set(AssociationType),
                Computed = true,
                Description = "The pod identity associations the add-on owns.",
            },
            new SchemaAttribute { Name = N.HealthIssues, Type = CtyType.List(AddonSchema.HealthIssueType), Computed = true, Description = "Health issues EKS reports." },
        ],
    };

    public override async Task ReadAsync(DataSourceReadRequest request, DataSourceReadResponse response, CancellationToken cancellationToken)
    {
        var context = Context;

        var config = request.Config;
        var cluster = config.GetString(N.ClusterName)!;
        var name = config.GetString(N.AddonName)!;
        var region = context.RegionOf(config);
        var eks = context.EksFor(region);
        Addon found;
        var associations = new List<CtyValue>();
        try
        {
            found = await eks.DescribeAddonAsync(cluster, name, cancellationToken).ConfigureAwait(false);
            foreach (var arn in found.PodIdentityAssociations ?? [])
            {
                var a = await eks.DescribePodIdentityAssociationAsync(cluster, arn[(arn.LastIndexOf('/') + 1)..], cancellationToken).ConfigureAwait(false);
                associations.Add(CtyValue.Object(AssociationType, new Dictionary<string, CtyValue>
                {
                    [N.RoleArn] = CtyValue.String(a.RoleArn ?? ""),
                    [N.ServiceAccount] = CtyValue.String(a.ServiceAccount ?? ""),
                }));
            }
        }
        catch (Exception e) when (AwsErrors.IsReportable(e))
        {
            AwsErrors.Add(response.Diagnostics, $"Error reading EKS Add-On ({AddonState.ImportId(cluster, name)})", e);
            return;
        }

        var ns = found.NamespaceConfig?.Namespace;
        response.State = AddonState.WithComputed(response.State, found)
            .WithString(N.Id, AddonState.ImportId(cluster, name))
            .WithString(N.Region, region)
            .WithString(N.Arn, found.AddonArn)
            .WithString(N.AddonVersion, found.AddonVersion)
            .WithString(N.ConfigurationValues, found.ConfigurationValues ?? "")
            .WithString(N.ServiceAccountRoleArn, string.IsNullOrEmpty(found.ServiceAccountRoleArn) ? null : found.ServiceAccountRoleArn)
            .WithAttribute(N.Tags, ResourceTags.ToMap(context.TagPolicy.RemoveIgnored(found.Tags ?? new Dictionary<string, string>())))
            .WithAttribute(N.NamespaceConfig, CtyValue.List(NamespaceType, string.IsNullOrEmpty(ns)
                ? []
                : [CtyValue.Object(NamespaceType, new Dictionary<string, CtyValue> { [N.Namespace] = CtyValue.String(ns) })]))
            .WithAttribute(N.PodIdentityAssociation, CtyValue.Set(AssociationType, associations));
    }
}
