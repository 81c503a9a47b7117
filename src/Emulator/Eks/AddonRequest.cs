using System.Text.Json;
using System.Text.Json.Nodes;
using PodIdentity.Emulator.Protocol;
using PodIdentity.Emulator.State;

namespace PodIdentity.Emulator.Eks;

/// <summary>The add-on settings shared by CreateAddon and UpdateAddon, read and checked before any change.</summary>
internal sealed record AddonRequest(
    AddonDefinition Definition,
    string? Version,
    string? ServiceAccountRoleArn,
    string? ResolveConflicts,
    string? ConfigurationValues,
    IReadOnlyList<(string ServiceAccount, string RoleArn)>? PodIdentity)
{
    private static readonly HashSet<string> ConflictModes = ["OVERWRITE", "NONE", "PRESERVE"];

    public static AddonRequest Read(EksCall call, string addonName, string kubernetesVersion)
    {
        var definition = AddonCatalog.Find(addonName)
            ?? throw EksErrors.InvalidParameter($"Addon {addonName} specified is not supported in {kubernetesVersion} kubernetes version");
        var version = call.String("addonVersion");
        if (version is not null && definition.Find(version)?.ClusterVersions.Contains(kubernetesVersion) != true)
        {
            throw EksErrors.InvalidParameter($"Addon version {version} specified is not supported in {kubernetesVersion} kubernetes version");
        }
        var roleArn = call.String("serviceAccountRoleArn");
        if (roleArn is not null && (roleArn.Length is < 1 or > 255 || EksArns.ParseRole(roleArn) is null))
        {
            throw EksErrors.InvalidParameter("serviceAccountRoleArn must be a valid IAM role ARN.");
        }
        var resolve = call.String("resolveConflicts");
        if (resolve is not null && !ConflictModes.Contains(resolve))
        {
            throw EksErrors.InvalidParameter("resolveConflicts must be one of OVERWRITE, NONE, PRESERVE.");
        }
        var config = call.String("configurationValues");
        AddonConfigValidator.Validate(config, definition);
        return new AddonRequest(definition, version, roleArn, resolve, config, ReadPodIdentity(call, definition));
    }

    /// <summary>Checks roles and keys against the current state; still changes nothing.</summary>
    public void CheckAgainst(EksCall call, EmulatorState state, Cluster cluster, string ns, Addon? owner)
    {
        if (ServiceAccountRoleArn is not null)
        {
            RoleChecks.RequireRole(call, state, ServiceAccountRoleArn);
        }
        foreach (var (serviceAccount, roleArn) in PodIdentity ?? [])
        {
            RoleChecks.RequireRole(call, state, roleArn);
            var existing = AssociationFactory.FindByKey(cluster, ns, serviceAccount);
            if (existing is not null && (owner is null || existing.OwnerArn != owner.Arn))
            {
                throw EksErrors.InUse($"Pod Identity Association already exists for namespace {ns} and service account {serviceAccount}: {existing.Id}");
            }
        }
        var added = (PodIdentity ?? []).Count(p => AssociationFactory.FindByKey(cluster, ns, p.ServiceAccount) is null);
        if (cluster.Associations.Count + added > AssociationFactory.MaxPerCluster)
        {
            throw EksErrors.InvalidParameter("The cluster has reached its limit of pod identity associations.");
        }
    }

    /// <summary>Makes the add-on's owned associations match the request (null: leave them as they are).</summary>
    public void ApplyPodIdentity(Cluster cluster, string account, Addon addon, DateTimeOffset now)
    {
        if (PodIdentity is null)
        {
            return;
        }
        var owned = cluster.Associations.Values.Where(a => a.OwnerArn == addon.Arn).ToList();
        foreach (var association in owned.Where(a => PodIdentity.All(p => p.ServiceAccount != a.ServiceAccount)))
        {
            cluster.Associations.Remove(association.Id);
        }
        foreach (var (serviceAccount, roleArn) in PodIdentity)
        {
            var existing = owned.FirstOrDefault(a => a.ServiceAccount == serviceAccount);
            if (existing is null)
            {
                var association = AssociationFactory.Add(cluster, account, addon.Namespace, serviceAccount, roleArn, now);
                association.OwnerArn = addon.Arn;
            }
            else if (existing.RoleArn != roleArn)
            {
                existing.RoleArn = roleArn;
                existing.ModifiedAt = now;
            }
        }
    }

    private static List<(string, string)>? ReadPodIdentity(EksCall call, AddonDefinition definition)
    {
        switch (call.Body["podIdentityAssociations"])
        {
            case null:
                return null;
            case JsonArray list:
                var result = new List<(string, string)>();
                foreach (var node in list)
                {
                    if (node is not JsonObject item || Str(item, "serviceAccount") is not { Length: > 0 } sa
                        || Str(item, "roleArn") is not { Length: > 0 } role)
                    {
                        throw EksErrors.InvalidParameter("Each podIdentityAssociations entry needs serviceAccount and roleArn.");
                    }
                    if (definition.PodIdentityServiceAccount != sa)
                    {
                        throw EksErrors.InvalidParameter(
                            $"Service account {sa} is not supported by addon {definition.Name} for Pod Identity.");
                    }
                    if (result.Any(r => r.Item1 == sa))
                    {
                        throw EksErrors.InvalidParameter($"Service account {sa} is listed more than once.");
                    }
                    result.Add((sa, role));
                }
                return result;
            default:
                throw EksErrors.InvalidParameter("podIdentityAssociations must be a list.");
        }
    }

    private static string? Str(JsonObject o, string name) =>
        o[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
