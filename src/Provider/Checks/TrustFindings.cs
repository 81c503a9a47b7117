using System.Text.Json.Nodes;

namespace PodIdentity.Provider.Checks;

/// <summary>One problem a check found: shown as a diagnostic on <see cref="Attribute"/>.</summary>
internal sealed record Finding(string Attribute, string Summary, string Detail);

/// <summary>
/// What a role's trust policy means for a pod identity association: the role itself must let
/// pods.eks.amazonaws.com call sts:AssumeRole (and sts:TagSession unless session tags are off); a chained target role
/// must let the association's role do the same, with the association's external id when it asks for one.
/// Every finding says how to fix it. Statements the provider cannot evaluate never produce one.
/// </summary>
internal static class TrustFindings
{
    public const string AssumeRole = "sts:AssumeRole";
    public const string TagSession = "sts:TagSession";

    /// <summary>The trust policy every Pod Identity role can use (the seeds' and the EKS guide's).</summary>
    public const string UniversalPolicy = """
        {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Effect": "Allow",
              "Principal": { "Service": "pods.eks.amazonaws.com" },
              "Action": ["sts:AssumeRole", "sts:TagSession"]
            }
          ]
        }
        """;

    public static IReadOnlyList<Finding> ForRole(TrustPolicy policy, string roleArn, bool disableSessionTags, ICollection<string> uncertain)
    {
        var pods = TrustPrincipal.Service(TrustPrincipal.PodIdentityService);
        var assume = policy.Evaluate(pods, AssumeRole);
        var tag = disableSessionTags ? null : policy.Evaluate(pods, TagSession);
        Note(uncertain, assume, tag);
        const string at = "role_arn";

        if (assume.Decision == TrustDecision.Denied || tag?.Decision == TrustDecision.Denied)
        {
            var actions = string.Join(" and ", new[] { assume.Decision == TrustDecision.Denied ? AssumeRole : null, tag?.Decision == TrustDecision.Denied ? TagSession : null }.OfType<string>());
            return [new Finding(at, "IAM role trust policy denies EKS Pod Identity",
                $"The trust policy of {roleArn} has a Deny statement that matches pods.eks.amazonaws.com calling {actions}. An explicit "
                + "Deny wins over every Allow, so pods that use this association will not get credentials. Remove that statement, or "
                + "narrow it so that it no longer matches pods.eks.amazonaws.com.")];
        }

        if (assume.Decision == TrustDecision.NotAllowed)
        {
            var oidc = policy.TrustedOidcProviders();
            if (oidc.Count > 0)
            {
                return [new Finding(at, "IAM role is an IRSA role, not a Pod Identity role",
                    $"{roleArn} trusts the OIDC provider {oidc[0]} (sts:AssumeRoleWithWebIdentity): it is set up for IAM roles for "
                    + "service accounts (IRSA) and does not trust pods.eks.amazonaws.com. EKS Pod Identity needs a role with the Pod "
                    + "Identity trust policy: add the statement below to this role's trust policy (it can keep the IRSA statement), "
                    + "or associate a role made for Pod Identity. Once the pods restart, Pod Identity takes precedence over the service "
                    + "account's IRSA annotation (eks.amazonaws.com/role-arn), so with the trust policy as it is they get no credentials.\n\n"
                    + UniversalPolicy)];
            }

            return [new Finding(at, "IAM role does not trust EKS Pod Identity",
                $"Nothing in the trust policy of {roleArn} lets pods.eks.amazonaws.com call sts:AssumeRole. EKS accepts the association, "
                + "but pods that use it will fail to get credentials. Use this trust policy (or add its statement to the role's):\n\n"
                + UniversalPolicy)];
        }

        if (tag?.Decision == TrustDecision.NotAllowed)
        {
            return [new Finding(at, "IAM role trust policy is missing sts:TagSession",
                $"The trust policy of {roleArn} lets pods.eks.amazonaws.com call sts:AssumeRole but not sts:TagSession. EKS Pod "
                + "Identity tags every session (cluster, namespace, service account...) unless disable_session_tags = true, so pods "
                + "will fail to get credentials. Either:\n"
                + "  - add \"sts:TagSession\" to the Action of the statement that trusts pods.eks.amazonaws.com:\n\n"
                + UniversalPolicy + "\n\n"
                + "  - or set disable_session_tags = true on this association (the role's policies then cannot use those tags).")];
        }

        return [];
    }

    /// <param name="externalId">This association's external_id; null while not known (before create).</param>
    public static IReadOnlyList<Finding> ForTarget(TrustPolicy policy, string targetArn, string sourceArn, bool disableSessionTags, string? externalId, ICollection<string> uncertain)
    {
        var source = TrustPrincipal.Aws(sourceArn);
        var assume = policy.Evaluate(source, AssumeRole, externalId);
        var tag = disableSessionTags ? null : policy.Evaluate(source, TagSession, externalId);
        Note(uncertain, assume, tag);
        const string at = "target_role_arn";
        var fix = TargetStatement(sourceArn, disableSessionTags, externalId);

        if (assume.Decision == TrustDecision.Denied || tag?.Decision == TrustDecision.Denied)
        {
            return [new Finding(at, "Target role trust policy denies the association's role",
                $"The trust policy of {targetArn} has a Deny statement that matches {sourceArn}. EKS assumes the target role with the "
                + "credentials of role_arn, and an explicit Deny wins over every Allow, so pods will not get credentials. Remove or "
                + "narrow that statement and allow the role instead:\n\n" + fix)];
        }

        if (assume.Decision == TrustDecision.NotAllowed && assume.ExternalIdsRequired.Count > 0)
        {
            return [new Finding(at, "Target role requires a different sts:ExternalId",
                $"The trust policy of {targetArn} lets {sourceArn} call sts:AssumeRole only with sts:ExternalId "
                + $"{string.Join(" or ", assume.ExternalIdsRequired.Select(v => $"\"{v}\""))}, but EKS passes this association's external_id "
                + $"\"{externalId}\". Pods will fail to get credentials. Change the condition to this association's external id:\n\n" + fix)];
        }

        if (assume.Decision == TrustDecision.NotAllowed)
        {
            return [new Finding(at, "Target role does not trust the association's role",
                $"EKS assumes {targetArn} with the credentials of role_arn ({sourceArn}), but nothing in the target role's trust policy "
                + "lets that role call sts:AssumeRole, so pods will fail to get credentials. Add this statement to the target role's "
                + "trust policy:\n\n" + fix + ExternalIdNote(externalId))];
        }

        if (tag?.Decision == TrustDecision.NotAllowed)
        {
            return [new Finding(at, "Target role trust policy is missing sts:TagSession",
                $"The trust policy of {targetArn} lets {sourceArn} call sts:AssumeRole but not sts:TagSession. EKS passes the session "
                + "tags on to the target role unless disable_session_tags = true, so pods will fail to get credentials. Add "
                + "\"sts:TagSession\" to the statement, or set disable_session_tags = true on this association:\n\n" + fix)];
        }

        return [];
    }

    /// <summary>The statement a target role needs for this association, with the external id when it is known.</summary>
    public static string TargetStatement(string sourceArn, bool disableSessionTags, string? externalId)
    {
        var statement = new JsonObject
        {
            ["Effect"] = "Allow",
            ["Principal"] = new JsonObject { ["AWS"] = sourceArn },
            ["Action"] = disableSessionTags ? new JsonArray(AssumeRole) : new JsonArray(AssumeRole, TagSession),
        };
        if (externalId is not null)
        {
            statement["Condition"] = new JsonObject { ["StringEquals"] = new JsonObject { [TrustCondition.ExternalIdKey] = externalId } };
        }

        return statement.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
    }

    private static string ExternalIdNote(string? externalId) =>
        externalId is null
            ? "\n\nEKS also passes this association's external_id (known once it is created); the statement can require it with a "
              + "StringEquals condition on sts:ExternalId."
            : "";

    private static void Note(ICollection<string> uncertain, TrustResult assume, TrustResult? tag)
    {
        foreach (var u in assume.Uncertain.Concat(tag?.Uncertain ?? []).Distinct())
        {
            uncertain.Add(u);
        }
    }
}
