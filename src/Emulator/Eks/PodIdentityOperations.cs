using System.Text.Json.Nodes;
using PodIdentity.Emulator.Protocol;
using PodIdentity.Emulator.State;

namespace PodIdentity.Emulator.Eks;

/// <summary>Create, Describe, Update, Delete and List pod identity associations.</summary>
internal static class PodIdentityOperations
{
    public static JsonObject Create(EksCall call)
    {
        var ns = call.RequiredString("namespace");
        var serviceAccount = call.RequiredString("serviceAccount");
        var roleArn = call.RequiredString("roleArn");
        var tags = call.StringMap("tags") ?? [];
        TagRules.Validate(tags, EksErrors.InvalidParameter);
        var disableSessionTags = call.Bool("disableSessionTags");
        var targetRoleArn = call.String("targetRoleArn");
        var policy = call.String("policy");
        var token = call.String("clientRequestToken");
        RequirePolicyRule(policy, disableSessionTags);
        var fingerprint = call.Body.ToJsonString();

        return call.Context.Store.Write(state =>
        {
            var cluster = call.Cluster(state, call.Label("name"));
            if (token is not null && cluster.AssociationTokens.TryGetValue(token, out var previousId)
                && cluster.Associations.TryGetValue(previousId, out var previous))
            {
                if (previous.CreateFingerprint != fingerprint)
                {
                    throw EksErrors.InvalidRequest("The clientRequestToken was already used with different request parameters.");
                }
                return Wrap(previous);
            }
            RoleChecks.RequireRole(call, state, roleArn);
            if (!string.IsNullOrEmpty(targetRoleArn))
            {
                RoleChecks.RequireTargetRole(call, state, targetRoleArn);
            }
            AssociationFactory.CheckCanAdd(cluster, ns, serviceAccount);

            var association = AssociationFactory.Add(cluster, state.AccountId, ns, serviceAccount, roleArn, call.Now);
            association.Tags = tags;
            association.DisableSessionTags = disableSessionTags;
            association.Policy = string.IsNullOrEmpty(policy) ? null : policy;
            if (!string.IsNullOrEmpty(targetRoleArn))
            {
                association.TargetRoleArn = targetRoleArn;
                association.ExternalId = Ids.Uuid();
            }
            association.CreateFingerprint = fingerprint;
            if (token is not null)
            {
                cluster.AssociationTokens[token] = association.Id;
            }
            return Wrap(association);
        });
    }

    public static JsonObject Describe(EksCall call) =>
        call.Context.Store.Read(state => Wrap(Find(call, state)));

    public static JsonObject Update(EksCall call)
    {
        var roleArn = call.String("roleArn");
        var disableSessionTags = call.Bool("disableSessionTags");
        var targetRoleArn = call.String("targetRoleArn");
        var policy = call.String("policy");
        if (roleArn is "")
        {
            throw EksErrors.InvalidParameter("roleArn must not be empty.");
        }

        return call.Context.Store.Write(state =>
        {
            var association = Find(call, state);
            RequireUserOwned(association, "updated");
            if (roleArn is not null)
            {
                RoleChecks.RequireRole(call, state, roleArn);
            }
            if (!string.IsNullOrEmpty(targetRoleArn))
            {
                RoleChecks.RequireTargetRole(call, state, targetRoleArn);
            }
            var newPolicy = policy is null ? association.Policy : policy.Length == 0 ? null : policy;
            RequirePolicyRule(newPolicy, disableSessionTags ?? association.DisableSessionTags);

            association.RoleArn = roleArn ?? association.RoleArn;
            association.DisableSessionTags = disableSessionTags ?? association.DisableSessionTags;
            association.Policy = newPolicy;
            switch (targetRoleArn)
            {
                case null:
                    break;
                case "":
                    association.TargetRoleArn = null;
                    association.ExternalId = null;
                    break;
                default:
                    association.TargetRoleArn = targetRoleArn;
                    association.ExternalId ??= Ids.Uuid();
                    break;
            }
            association.ModifiedAt = call.Now;
            return Wrap(association);
        });
    }

    public static JsonObject Delete(EksCall call) =>
        call.Context.Store.Write(state =>
        {
            var association = Find(call, state);
            RequireUserOwned(association, "deleted");
            state.Regions[call.Region].Clusters[association.ClusterName].Associations.Remove(association.Id);
            return Wrap(association);
        });

    public static JsonObject List(EksCall call)
    {
        var ns = call.Query("namespace");
        var serviceAccount = call.Query("serviceAccount");
        if (serviceAccount is not null && ns is null)
        {
            throw EksErrors.InvalidRequest("serviceAccount can only be used together with namespace.");
        }
        var max = call.MaxResults();
        var token = call.Query("nextToken");
        return call.Context.Store.Read(state =>
        {
            var cluster = call.Cluster(state, call.Label("name"));
            var matching = cluster.Associations.Values.Where(a =>
                (ns is null || a.Namespace == ns) && (serviceAccount is null || a.ServiceAccount == serviceAccount));
            var (page, next) = Pagination.Page(matching, a => a.Id, max, token, call.ClientError);
            var json = new JsonObject
            {
                ["associations"] = new JsonArray(page.Select(a => (JsonNode)AssociationJson.Summary(a)).ToArray()),
            };
            if (next is not null)
            {
                json["nextToken"] = next;
            }
            return json;
        });
    }

    private static PodIdentityAssociation Find(EksCall call, EmulatorState state)
    {
        var cluster = call.Cluster(state, call.Label("name"));
        var id = call.Label("associationId");
        return cluster.Associations.TryGetValue(id, out var association)
            ? association
            : throw EksErrors.NotFound($"No Pod Identity Association found with id {id} in cluster {cluster.Name}.");
    }

    private static void RequirePolicyRule(string? policy, bool? disableSessionTags)
    {
        if (!string.IsNullOrEmpty(policy) && disableSessionTags != true)
        {
            throw EksErrors.InvalidParameter("A session policy can only be used when disableSessionTags is true.");
        }
    }

    private static void RequireUserOwned(PodIdentityAssociation association, string verb)
    {
        if (association.OwnerArn is not null)
        {
            throw EksErrors.InvalidRequest(
                $"Pod Identity Association {association.Id} is managed by {association.OwnerArn} and cannot be {verb} directly; change the add-on instead.");
        }
    }

    private static JsonObject Wrap(PodIdentityAssociation a) => new() { ["association"] = AssociationJson.Write(a) };
}
