using PodIdentity.Emulator.Eks;
using PodIdentity.Emulator.Hosting;
using PodIdentity.Emulator.Iam;
using PodIdentity.Emulator.Oidc;
using PodIdentity.Emulator.Protocol;
using PodIdentity.Emulator.State;
using PodIdentity.Emulator.Sts;

namespace PodIdentity.Emulator.EksAuth;

/// <summary>What AssumeRoleForPodIdentity gives a pod: who it is, the association used and the final session.</summary>
internal sealed record PodIdentityGrant(ServiceAccountClaims Claims, PodIdentityAssociation Association, SessionCredential Session);

/// <summary>
/// eks-auth AssumeRoleForPodIdentity, shared by the signed API and the emulated node agent: verify the
/// service-account token, find the association, assume its role as pods.eks.amazonaws.com (tagging the session
/// unless the association disables it, with the association's session policy), and with a target role chain into
/// it with the association's external id.
/// </summary>
internal static class PodIdentityGrants
{
    public const string PodsService = "pods.eks.amazonaws.com";
    private static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(6);
    private static readonly TimeSpan ChainedLifetime = TimeSpan.FromHours(1);

    public static PodIdentityGrant Assume(EmulatorContext context, string region, string clusterName, string token) =>
        context.Store.Write(state =>
        {
            var now = context.Now;
            var cluster = state.Regions.GetValueOrDefault(region)?.Clusters.GetValueOrDefault(clusterName)
                ?? throw NotFound($"No cluster found for name: {clusterName}.");
            ClusterLifecycle.Settle(cluster, now);
            ServiceAccountClaims claims;
            try
            {
                claims = ServiceAccountTokens.Verify(cluster, token, now);
            }
            catch (TokenRejected e)
            {
                throw new AwsError(e.Expired ? "ExpiredTokenException" : "InvalidTokenException", 400, e.Message);
            }
            if (!claims.Audiences.Contains(ServiceAccountTokens.PodIdentityAudience))
            {
                throw new AwsError("InvalidTokenException", 400,
                    $"The service account token's audience must be {ServiceAccountTokens.PodIdentityAudience}.");
            }
            var association = cluster.Associations.Values.FirstOrDefault(a =>
                    a.Namespace == claims.Namespace && a.ServiceAccount == claims.ServiceAccount)
                ?? throw NotFound($"No Pod Identity Association found for service account {claims.ServiceAccount} in namespace {claims.Namespace} of cluster {cluster.Name}.");

            var tagged = association.DisableSessionTags != true;
            var tags = tagged ? SessionTags(cluster, claims) : null;
            var sessionName = SessionName(cluster.Name, claims.PodName ?? claims.ServiceAccount);
            var trustContext = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["aws:SourceAccount"] = state.AccountId,
                ["aws:SourceArn"] = cluster.Arn,
            };
            var role = TrustedRole(context, state, association.RoleArn, TrustPrincipal.Service(PodsService), tagged, trustContext, PodsService);
            var expiration = now + SessionLifetime;
            var request = new SessionRequest("AssumeRoleForPodIdentity", PodsService, tags, association.Policy);
            if (association.TargetRoleArn is { } targetArn)
            {
                var sourceArn = SessionIssuer.AssumedRoleArn(state.AccountId, role, sessionName);
                var source = new TrustPrincipal("AWS", [sourceArn, role.Arn], state.AccountId);
                var chainContext = new Dictionary<string, string>(StringComparer.Ordinal);
                if (association.ExternalId is { } externalId)
                {
                    chainContext["sts:ExternalId"] = externalId;
                }
                role = TrustedRole(context, state, targetArn, source, tagged, chainContext, sourceArn);
                expiration = now + ChainedLifetime;
                request = request with { SourceArn = sourceArn };
            }
            var session = SessionIssuer.Issue(state, role, sessionName, now, expiration, request);
            return new PodIdentityGrant(claims, association, session);
        });

    /// <summary>eks-{first 10 characters of the cluster}-{pod}-{uuid}, cut to STS's 64 characters.</summary>
    public static string SessionName(string cluster, string pod)
    {
        var name = $"eks-{cluster[..Math.Min(10, cluster.Length)]}-{pod}-{Ids.Uuid()}";
        return name.Length <= 64 ? name : name[..64];
    }

    private static Dictionary<string, string> SessionTags(Cluster cluster, ServiceAccountClaims claims) => new(StringComparer.Ordinal)
    {
        ["eks-cluster-arn"] = cluster.Arn,
        ["eks-cluster-name"] = cluster.Name,
        ["kubernetes-namespace"] = claims.Namespace,
        ["kubernetes-service-account"] = claims.ServiceAccount,
        ["kubernetes-pod-name"] = claims.PodName ?? "",
        ["kubernetes-pod-uid"] = claims.PodUid ?? "",
    };

    /// <summary>The role, if its trust policy lets the principal call sts:AssumeRole (and sts:TagSession when tagging).</summary>
    private static Role TrustedRole(EmulatorContext context, EmulatorState state, string roleArn, TrustPrincipal principal,
        bool tagged, IReadOnlyDictionary<string, string> trustContext, string who)
    {
        var role = SessionIssuer.FindRole(state, roleArn);
        if (role is null || !context.EksCanSee(role))
        {
            throw Denied($"{who} is not authorized to perform sts:AssumeRole on {roleArn}: the role does not exist in account {state.AccountId}.");
        }
        foreach (var action in tagged ? new[] { "sts:AssumeRole", "sts:TagSession" } : ["sts:AssumeRole"])
        {
            if (!TrustPolicy.Allows(role.AssumeRolePolicyDocument, principal, action, trustContext))
            {
                throw Denied($"{who} is not authorized to perform {action} on {roleArn}: the role's trust policy does not allow it.");
            }
        }
        return role;
    }

    private static AwsError NotFound(string message) => new("ResourceNotFoundException", 404, message);

    // The model gives AccessDeniedException HTTP 400.
    private static AwsError Denied(string message) => new("AccessDeniedException", 400, message);
}
