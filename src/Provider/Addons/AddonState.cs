using PodIdentity.Aws.Clients;
using PodIdentity.Plugin.Framework;
using PodIdentity.Plugin.Values;
using PodIdentity.Provider.Associations;
using PodIdentity.Provider.Shared;
using static PodIdentity.Provider.Shared.StringAttributes;
using N = PodIdentity.Provider.Addons.AddonNames;

namespace PodIdentity.Provider.Addons;

/// <summary>One association an add-on owns, as read back from EKS.</summary>
internal sealed record AddonAssociation(string ServiceAccount, string RoleArn);

/// <summary>Maps an EKS Addon (and the associations it owns) onto the resource's state value.</summary>
internal static class AddonState
{
    public static string ImportId(string cluster, string addon) => $"{cluster}:{addon}";

    /// <summary>
    /// Everything as AWS reports it, except that equivalent configuration_values keep the user's text, arguments AWS
    /// does not report (preserve, resolve_conflicts_*, timeouts) keep their prior values, and namespace_config is
    /// only recorded when the configuration has one (EKS reports the default namespace too; the reported namespace goes
    /// into private state instead, see <see cref="AddonPrivate"/>).
    /// </summary>
    public static CtyValue FromApi(Addon a, IReadOnlyList<AddonAssociation> associations, CtyValue prior, string region, TagPolicy policy)
    {
        var type = (ObjectType)prior.Type;
        var cluster = a.ClusterName ?? prior.GetString(N.ClusterName)!;
        var name = a.AddonName ?? prior.GetString(N.AddonName)!;
        var priorValues = prior.GetString(N.ConfigurationValues);
        var remoteValues = NullIfEmpty(a.ConfigurationValues);
        var (tags, tagsAll) = ResourceTags.FromRemote(a.Tags, prior.GetAttribute(N.Tags), policy);

        var state = prior
            .WithString(N.Id, ImportId(cluster, name))
            .WithString(N.Arn, a.AddonArn)
            .WithString(N.ClusterName, cluster)
            .WithString(N.AddonName, name)
            .WithString(N.AddonVersion, a.AddonVersion)
            .WithString(N.ConfigurationValues, AddonConfigValues.Equivalent(priorValues, remoteValues) ? priorValues : remoteValues)
            .WithString(N.ServiceAccountRoleArn, NullIfEmpty(a.ServiceAccountRoleArn))
            .WithAttribute(N.Tags, tags)
            .WithAttribute(N.TagsAll, tagsAll)
            .WithString(N.Region, region)
            .WithAttribute(N.PodIdentityAssociation, Associations(type, associations));
        state = WithComputed(state, a);

        var priorNamespace = prior.GetAttribute(N.NamespaceConfig);
        var hadNamespace = priorNamespace.IsKnown && !priorNamespace.IsNull && priorNamespace.Elements.Any();
        if (hadNamespace && a.NamespaceConfig?.Namespace is { Length: > 0 } ns)
        {
            state = state.WithAttribute(N.NamespaceConfig, Namespace(type, ns));
        }
        else if (!priorNamespace.IsKnown || priorNamespace.IsNull)
        {
            state = state.WithAttribute(N.NamespaceConfig, CtyValue.List(NamespaceObject(type), []));
        }

        return state;
    }

    /// <summary>Status, health, timestamps: what every poll refreshes.</summary>
    public static CtyValue WithComputed(CtyValue state, Addon a) => state
        .WithString(N.Status, a.Status)
        .WithString(N.CreatedAt, Timestamp(a.CreatedAt))
        .WithString(N.ModifiedAt, Timestamp(a.ModifiedAt))
        .WithAttribute(N.HealthIssues, HealthIssues(a));

    public static CtyValue HealthIssues(Addon a) => CtyValue.List(
        AddonSchema.HealthIssueType,
        (a.Health?.Issues ?? []).Select(i => CtyValue.Object(AddonSchema.HealthIssueType, new Dictionary<string, CtyValue>
        {
            [N.Code] = Str(i.Code),
            [N.Message] = Str(i.Message),
            [N.ResourceIds] = CtyValue.List(CtyType.String, (i.ResourceIds ?? []).Select(CtyValue.String)),
        })));

    /// <summary>"code: message" lines for an error detail.</summary>
    public static string DescribeIssues(Addon a)
    {
        var issues = a.Health?.Issues ?? [];
        return issues.Count == 0
            ? "EKS reported no health issues."
            : "Health issues:\n" + string.Join("\n", issues.Select(i => $"  - {i.Code}: {i.Message}"));
    }

    /// <summary>The pod_identity_association blocks of a value as API requests.</summary>
    public static List<AddonPodIdentityAssociation> RequestedAssociations(CtyValue resource)
    {
        var set = resource.GetAttribute(N.PodIdentityAssociation);
        if (set.IsNull || !set.IsKnown)
        {
            return [];
        }

        return set.Elements
            .Where(e => e.IsKnown && !e.IsNull)
            .Select(e => new AddonPodIdentityAssociation(e.GetString(N.ServiceAccount) ?? "", e.GetString(N.RoleArn) ?? ""))
            .OrderBy(p => p.ServiceAccount, StringComparer.Ordinal)
            .ToList();
    }

    public static CtyValue Associations(ObjectType resourceType, IEnumerable<AddonAssociation> associations)
    {
        var elementType = ((SetType)resourceType.AttributeTypes[N.PodIdentityAssociation]).ElementType;
        var objectType = (ObjectType)elementType;
        return CtyValue.Set(elementType, associations.Select(p => CtyValue.Object(objectType, new Dictionary<string, CtyValue>
        {
            [N.RoleArn] = CtyValue.String(p.RoleArn),
            [N.ServiceAccount] = CtyValue.String(p.ServiceAccount),
        })));
    }

    /// <summary>The namespace_config block's namespace, or null.</summary>
    public static string? NamespaceOf(CtyValue resource)
    {
        var list = resource.GetAttribute(N.NamespaceConfig);
        return list.IsKnown && !list.IsNull && list.Elements.FirstOrDefault() is { } block ? block.GetString(N.Namespace) : null;
    }

    private static CtyValue Namespace(ObjectType type, string ns) =>
        CtyValue.List(NamespaceObject(type), [CtyValue.Object(NamespaceObject(type), new Dictionary<string, CtyValue> { [N.Namespace] = CtyValue.String(ns) })]);

    private static ObjectType NamespaceObject(ObjectType type) => (ObjectType)((ListType)type.AttributeTypes[N.NamespaceConfig]).ElementType;

    private static CtyValue Str(string? s) => s is null ? CtyValue.Null(CtyType.String) : CtyValue.String(s);
}
