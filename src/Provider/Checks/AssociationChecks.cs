using System.Collections.Concurrent;
using PodIdentity.Plugin.Framework;
using PodIdentity.Plugin.Logging;
using PodIdentity.Plugin.Values;

namespace PodIdentity.Provider.Checks;

/// <summary>
/// The plan-time safety checks of <c>aws_eks_pod_identity_association</c>, for one configured provider (one
/// process): roles and clusters that cannot work, trust policies that let pods get no credentials, and associations
/// that would collide at apply. Holds the process's check state (the shared AWS reads and what this process has
/// planned); Terraform starts a fresh provider process for each plan and each apply.
/// </summary>
internal sealed class AssociationChecks : IDisposable
{
    private const string RoleArnAttribute = "role_arn";
    private const string TargetRoleArnAttribute = "target_role_arn";
    private const string ClusterNameAttribute = "cluster_name";
    private const string ServiceAccountAttribute = "service_account";

    private readonly CheckLookups _lookups;
    private readonly CheckSettings _settings;
    private readonly string _partition;
    private readonly string _providerRegion;

    // New associations planned by this process, by natural key, with the role of the first one for the message.
    // PlanResourceChange carries no resource address, so "the same resource planned again" has to be told from "a
    // second resource" by how Terraform calls: in one process every resource instance (each count/for_each instance
    // too) is planned as a create at most once. A replacement's first call carries the prior state and only its second
    // is a create; the apply re-plans each resource once, but in a process of its own. So a second create-plan for a
    // key in one process is a second resource, and it gets the error: whichever of the two Terraform plans second.
    private readonly ConcurrentDictionary<(string Region, string Cluster, string Namespace, string ServiceAccount), string> _creates = new();

    // Trust findings already shown by a plan in this process, so the post-apply run adds only what is new.
    private readonly ConcurrentDictionary<string, byte> _reported = new(StringComparer.Ordinal);

    /// <param name="partition">The provider's partition (from GetCallerIdentity, else its region).</param>
    public AssociationChecks(CheckLookups lookups, CheckSettings settings, string partition, string providerRegion)
    {
        _lookups = lookups;
        _settings = settings;
        _partition = partition;
        _providerRegion = providerRegion;
    }

    public CheckSettings Settings => _settings;

    /// <summary>The partition roles must be in.</summary>
    public string Partition => _partition;

    /// <summary>The checks for a create (<paramref name="prior"/> null) or an update; adds their diagnostics.</summary>
    public async Task PlanAsync(AssociationFacts plan, AssociationFacts? prior, Diagnostics diagnostics, CancellationToken cancellationToken)
    {
        var isCreate = prior is null;
        var roleChanged = isCreate || plan.RoleArn != prior!.RoleArn;
        var trustChanged = roleChanged || plan.TargetRoleArn != prior!.TargetRoleArn || plan.DisableSessionTags != prior.DisableSessionTags;

        var role = InPartition(plan.RoleArn, RoleArnAttribute, roleChanged, plan, diagnostics);
        var target = InPartition(plan.TargetRoleArn, TargetRoleArnAttribute, trustChanged, plan, diagnostics);

        var work = new List<Task<IReadOnlyList<Diagnostic>>>();
        if (isCreate && Key(plan) is { } key)
        {
            if (_creates.TryAdd(key, plan.RoleArn.Value ?? "(not known yet)"))
            {
                work.Add(ExistingAsync(key, plan.Replaces, cancellationToken));
            }
            else
            {
                diagnostics.Add(DuplicateInConfiguration(key, _creates[key]));
            }
        }

        // A new cluster_name replaces the association: Terraform keeps only the errors of the replacement's create-plan,
        // so the warning comes from the first (update) call.
        if ((isCreate || plan.ClusterName != prior!.ClusterName) && plan.Region.Value is { } region && plan.ClusterName.Value is { } cluster)
        {
            work.Add(ClusterAsync(region, cluster, cancellationToken));
        }

        if (role is not null && trustChanged)
        {
            work.Add(RoleAsync(role, plan, checkMissing: roleChanged, checkTrust: trustChanged, afterApply: false, cancellationToken));
            if (target is not null)
            {
                work.Add(TargetAsync(target, role, plan, afterApply: false, cancellationToken));
            }
        }

        // Fixed order, whatever finished first.
        foreach (var found in await Task.WhenAll(work).ConfigureAwait(false))
        {
            diagnostics.AddRange(found);
        }
    }

    /// <summary>
    /// After create or update: the target role's trust once EKS has issued the external id (unknown at plan for a new
    /// association or a new target). Always warnings, the association exists by now. A role_arn unknown at plan (made
    /// in the same apply) needs nothing here: Terraform plans every resource again at apply, with every argument known
    /// by then, and that plan's warnings show on the apply.
    /// </summary>
    public async Task AfterApplyAsync(AssociationFacts planned, AssociationFacts applied, Diagnostics diagnostics, CancellationToken cancellationToken)
    {
        if (_settings.SkipTrustCheck || planned.ExternalId.IsKnown || !applied.DisableSessionTags.IsKnown
            || RoleArn.Parse(applied.RoleArn.Value) is not { } role || role.Partition != _partition
            || RoleArn.Parse(applied.TargetRoleArn.Value) is not { } target || target.Partition != _partition)
        {
            return;
        }

        diagnostics.AddRange(await TargetAsync(target, role, applied, afterApply: true, cancellationToken).ConfigureAwait(false));
    }

    public void Dispose() => _lookups.Dispose();

    // The role ARN when it is known, set, and in the provider's partition; an error when it is in another one.
    private RoleArn? InPartition(Planned<string> value, string attribute, bool changed, AssociationFacts plan, Diagnostics diagnostics)
    {
        if (RoleArn.Parse(value.Value) is not { } arn)
        {
            return null;
        }

        if (arn.Partition == _partition)
        {
            return arn;
        }

        if (changed)
        {
            diagnostics.AddError(
                "IAM role is in another AWS partition",
                $"{arn.Value} is in partition \"{arn.Partition}\", but this provider works in \"{_partition}\" (region {plan.Region.Value ?? _providerRegion}). "
                + $"EKS cannot use a role from another partition: apply would wait 2 minutes for it to appear and then fail. Use the role's ARN "
                + $"in this partition (arn:{_partition}:iam::...), or a provider configured for the other partition.",
                Path(attribute));
        }

        return null;
    }

    private async Task<IReadOnlyList<Diagnostic>> RoleAsync(
        RoleArn role, AssociationFacts plan, bool checkMissing, bool checkTrust, bool afterApply, CancellationToken cancellationToken)
    {
        var lookup = await _lookups.RoleAsync(role, cancellationToken).ConfigureAwait(false);
        if (lookup.Status == LookupStatus.Missing && checkMissing)
        {
            return [Diagnostic.Warning(
                "IAM role not found",
                $"IAM has no role {role.Name} in account {role.Account}. Unless this apply creates it, applying waits up to 2 minutes for "
                + "IAM to make the role visible to EKS and then fails. Check the role's name and account.",
                Path(RoleArnAttribute))];
        }

        if (lookup.Trust is null || !checkTrust || _settings.SkipTrustCheck || !plan.DisableSessionTags.IsKnown)
        {
            return [];
        }

        var uncertain = new List<string>();
        var findings = TrustFindings.ForRole(lookup.Trust, role.Value, plan.DisableSessionTags.Value, uncertain);
        LogUncertain(role.Value, uncertain);
        return Report(findings, role.Value, afterApply);
    }

    private async Task<IReadOnlyList<Diagnostic>> TargetAsync(RoleArn target, RoleArn source, AssociationFacts plan, bool afterApply, CancellationToken cancellationToken)
    {
        if (_settings.SkipTrustCheck || !plan.DisableSessionTags.IsKnown)
        {
            return [];
        }

        var lookup = await _lookups.RoleAsync(target, cancellationToken).ConfigureAwait(false);
        if (lookup.Trust is null)
        {
            Log.Debug("target role trust check skipped: the provider cannot read the role", ("target_role_arn", target.Value));
            return [];
        }

        var uncertain = new List<string>();
        var externalId = plan.ExternalId.IsKnown ? plan.ExternalId.Value : null;
        var findings = TrustFindings.ForTarget(lookup.Trust, target.Value, source.Value, plan.DisableSessionTags.Value, externalId, uncertain);
        LogUncertain(target.Value, uncertain);
        return Report(findings, $"{target.Value} <- {source.Value}", afterApply);
    }

    private async Task<IReadOnlyList<Diagnostic>> ClusterAsync(string region, string cluster, CancellationToken cancellationToken)
    {
        var lookup = await _lookups.ClusterAsync(region, cluster, cancellationToken).ConfigureAwait(false);
        if (lookup.Status == LookupStatus.Missing)
        {
            return [Diagnostic.Warning(
                "EKS cluster not found",
                $"There is no EKS cluster {cluster} in {region}. Creating this association will fail unless the cluster is created in the "
                + "same apply, before it (for example by another module or tool).",
                Path(ClusterNameAttribute))];
        }

        return lookup.Status == LookupStatus.Found && ClusterSupport.Problem(lookup.Version, lookup.PlatformVersion) is { } problem
            ? [Diagnostic.Warning("EKS cluster does not support Pod Identity", $"Cluster {cluster} ({region}) {problem}", Path(ClusterNameAttribute))]
            : [];
    }

    private async Task<IReadOnlyList<Diagnostic>> ExistingAsync(
        (string Region, string Cluster, string Namespace, string ServiceAccount) key, string? replaces, CancellationToken cancellationToken)
    {
        var existing = await _lookups.ExistingAsync(key.Region, key.Cluster, key.Namespace, key.ServiceAccount, cancellationToken).ConfigureAwait(false);
        var other = existing?.FirstOrDefault(a => a.AssociationId is { } id && id != replaces);
        if (other is null)
        {
            return [];
        }

        var where = $"Cluster {key.Cluster} already has association {other.AssociationId} for namespace \"{key.Namespace}\" and service account "
            + $"\"{key.ServiceAccount}\". A service account can have only one, so creating this one would fail at apply with a conflict (409).";
        if (!string.IsNullOrEmpty(other.OwnerArn))
        {
            return [Diagnostic.Error("EKS Pod Identity Association already exists",
                where + $" That association belongs to {other.OwnerArn}: change the add-on's pod identity association instead, or use "
                + "another service account.", Path(ServiceAccountAttribute))];
        }

        var id = $"{key.Cluster},{other.AssociationId}" + (key.Region == _providerRegion ? "" : "@" + key.Region);
        return [Diagnostic.Error("EKS Pod Identity Association already exists",
            where + " To manage the existing association with this resource, adopt it with an import block (and keep this resource's "
            + "arguments as they are):\n\n"
            + "import {\n"
            + "  to = aws_eks_pod_identity_association.<name>\n"
            + $"  id = \"{id}\"\n"
            + "}\n\n"
            + "If this configuration removes the resource that manages it, move that resource with a moved block instead. If it is this "
            + "resource's own tainted object, run `terraform untaint` on this resource and replace it with `terraform apply -replace=...`. "
            + "Otherwise delete the existing association first, or use another service account.",
            Path(ServiceAccountAttribute))];
    }

    private static Diagnostic DuplicateInConfiguration((string Region, string Cluster, string Namespace, string ServiceAccount) key, string otherRole) =>
        Diagnostic.Error(
            "Duplicate EKS Pod Identity Association",
            $"Another aws_eks_pod_identity_association in this configuration (role {otherRole}) already creates an association for "
            + $"namespace \"{key.Namespace}\" and service account \"{key.ServiceAccount}\" in cluster {key.Cluster} ({key.Region}). A service "
            + "account can have only one, so the second create would fail at apply with a conflict (409), after other resources were "
            + "created. Keep one of the two resources; for a second role use target_role_arn, or another service account.",
            Path(ServiceAccountAttribute));

    // At plan: warnings, or errors in strict mode, remembered. After apply: always warnings, and only those no plan in
    // this process showed already (the apply re-plans every resource first, with every value known but the external
    // id), so a problem is not reported twice on one apply.
    private IReadOnlyList<Diagnostic> Report(IReadOnlyList<Finding> findings, string subject, bool afterApply)
    {
        var result = new List<Diagnostic>();
        foreach (var f in findings)
        {
            var key = $"{f.Attribute}|{f.Summary}|{subject}";
            if (afterApply)
            {
                if (!_reported.ContainsKey(key))
                {
                    result.Add(Diagnostic.Warning(f.Summary, f.Detail, Path(f.Attribute)));
                }

                continue;
            }

            _reported.TryAdd(key, 0);
            result.Add(_settings.TrustFindingsAsErrors
                ? Diagnostic.Error(f.Summary, f.Detail + StrictNote, Path(f.Attribute))
                : Diagnostic.Warning(f.Summary, f.Detail, Path(f.Attribute)));
        }

        return result;
    }

    private const string StrictNote = "\n\n(An error because the provider sets strict_pod_identity_trust_check = true.)";

    private static (string, string, string, string)? Key(AssociationFacts plan) =>
        plan.Region.Value is { } r && plan.ClusterName.Value is { } c && plan.Namespace.Value is { } n && plan.ServiceAccount.Value is { } s
            ? (r, c, n, s)
            : null;

    private static void LogUncertain(string role, List<string> uncertain)
    {
        foreach (var u in uncertain)
        {
            Log.Debug("trust check: statement counted as \"may allow\"", ("role_arn", role), ("statement", u));
        }
    }

    private static AttributePath Path(string attribute) => AttributePath.Root.Attribute(attribute);
}
