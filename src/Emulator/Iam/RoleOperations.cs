using System.Xml.Linq;
using PodIdentity.Emulator.State;

namespace PodIdentity.Emulator.Iam;

/// <summary>The IAM role operations, over the emulator's one global (not per region) role store.</summary>
internal static class RoleOperations
{
    public static readonly IReadOnlyDictionary<string, Func<QueryCall, XElement?>> Actions =
        new Dictionary<string, Func<QueryCall, XElement?>>(StringComparer.Ordinal)
        {
            ["CreateRole"] = CreateRole,
            ["GetRole"] = GetRole,
            ["DeleteRole"] = DeleteRole,
            ["ListRoles"] = ListRoles,
            ["UpdateAssumeRolePolicy"] = UpdateAssumeRolePolicy,
            ["TagRole"] = TagRole,
            ["UntagRole"] = UntagRole,
            ["AttachRolePolicy"] = AttachRolePolicy,
            ["DetachRolePolicy"] = DetachRolePolicy,
            ["ListAttachedRolePolicies"] = ListAttachedRolePolicies,
        };

    private static XElement? CreateRole(QueryCall call)
    {
        var r = call.Request;
        var name = r.Required("RoleName");
        RoleValidation.Name(name);
        var path = r.Get("Path") ?? "/";
        RoleValidation.Path(path);
        var policy = r.Required("AssumeRolePolicyDocument");
        RoleValidation.PolicyDocument(policy);
        var tags = r.Pairs("Tags");
        RoleValidation.Tags(tags);
        var description = r.Get("Description");
        if (description is { Length: > 1000 })
        {
            throw IamErrors.Validation("Description must be at most 1000 characters long.");
        }
        var maxSession = r.Int("MaxSessionDuration") ?? 3600;
        if (maxSession is < 3600 or > 43200)
        {
            throw IamErrors.Validation("MaxSessionDuration must be between 3600 and 43200 seconds.");
        }
        return call.Context.Store.Write(state =>
        {
            if (state.Roles.Values.Any(x => string.Equals(x.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                throw IamErrors.AlreadyExists($"Role with name {name} already exists.");
            }
            var role = RoleFactory.Create(state.AccountId, name, path, policy, description, tags, call.Now);
            role.MaxSessionDuration = maxSession;
            state.Roles[name] = role;
            return new XElement("CreateRoleResult", RoleXml.Write(role, withTags: true));
        });
    }

    private static XElement? GetRole(QueryCall call)
    {
        var name = call.Request.Required("RoleName");
        return call.Context.Store.Read(state => new XElement("GetRoleResult", RoleXml.Write(Find(state, name), withTags: true)));
    }

    private static XElement? DeleteRole(QueryCall call)
    {
        var name = call.Request.Required("RoleName");
        return call.Context.Store.Write<XElement?>(state =>
        {
            var role = Find(state, name);
            if (role.AttachedPolicies.Count > 0)
            {
                throw IamErrors.DeleteConflict("Cannot delete entity, must detach all policies first.");
            }
            state.Roles.Remove(role.Name);
            return null;
        });
    }

    private static XElement? ListRoles(QueryCall call)
    {
        var prefix = call.Request.Get("PathPrefix") ?? "/";
        var max = call.Request.Int("MaxItems") ?? 100;
        if (max is < 1 or > 1000)
        {
            throw IamErrors.Validation("MaxItems must be between 1 and 1000.");
        }
        var marker = call.Request.Get("Marker");
        return call.Context.Store.Read(state =>
        {
            var after = marker is null ? null : Eks.Pagination.Decode(marker)
                ?? throw IamErrors.Validation("Invalid Marker.");
            var roles = state.Roles.Values
                .Where(x => x.Path.StartsWith(prefix, StringComparison.Ordinal))
                .OrderBy(x => x.Name, StringComparer.Ordinal)
                .Where(x => after is null || string.CompareOrdinal(x.Name, after) > 0)
                .Take(max + 1).ToList();
            var truncated = roles.Count > max;
            var page = roles.Take(max).ToList();
            var result = new XElement("ListRolesResult",
                new XElement("Roles", page.Select(x => RoleXml.Write(x, withTags: false, "member"))),
                new XElement("IsTruncated", truncated ? "true" : "false"));
            if (truncated)
            {
                result.Add(new XElement("Marker", Eks.Pagination.Encode(page[^1].Name)));
            }
            return result;
        });
    }

    private static XElement? UpdateAssumeRolePolicy(QueryCall call)
    {
        var name = call.Request.Required("RoleName");
        var policy = call.Request.Required("PolicyDocument");
        RoleValidation.PolicyDocument(policy);
        return call.Context.Store.Write<XElement?>(state =>
        {
            Find(state, name).AssumeRolePolicyDocument = policy;
            return null;
        });
    }

    private static XElement? TagRole(QueryCall call)
    {
        var name = call.Request.Required("RoleName");
        var tags = call.Request.Pairs("Tags");
        RoleValidation.Tags(tags);
        return call.Context.Store.Write<XElement?>(state =>
        {
            var role = Find(state, name);
            var merged = role.Tags.Where(t => !tags.Any(n => string.Equals(n.Key, t.Key, StringComparison.OrdinalIgnoreCase)))
                .Concat(tags).ToList();
            if (merged.Count > 50)
            {
                throw IamErrors.LimitExceeded("The number of tags has reached the maximum limit.");
            }
            role.Tags = merged;
            return null;
        });
    }

    private static XElement? UntagRole(QueryCall call)
    {
        var name = call.Request.Required("RoleName");
        var keys = call.Request.List("TagKeys");
        foreach (var key in keys)
        {
            RoleValidation.TagKeyOnly(key);
        }
        return call.Context.Store.Write<XElement?>(state =>
        {
            var role = Find(state, name);
            role.Tags = role.Tags.Where(t => !keys.Contains(t.Key, StringComparer.OrdinalIgnoreCase)).ToList();
            return null;
        });
    }

    private static XElement? AttachRolePolicy(QueryCall call)
    {
        var name = call.Request.Required("RoleName");
        var policyArn = call.Request.Required("PolicyArn");
        RequireManagedPolicy(policyArn);
        return call.Context.Store.Write<XElement?>(state =>
        {
            var role = Find(state, name);
            if (!role.AttachedPolicies.Contains(policyArn))
            {
                if (role.AttachedPolicies.Count >= 10)
                {
                    throw IamErrors.LimitExceeded($"Cannot exceed quota for PoliciesPerRole: 10");
                }
                role.AttachedPolicies.Add(policyArn);
            }
            return null;
        });
    }

    private static XElement? DetachRolePolicy(QueryCall call)
    {
        var name = call.Request.Required("RoleName");
        var policyArn = call.Request.Required("PolicyArn");
        return call.Context.Store.Write<XElement?>(state =>
        {
            var role = Find(state, name);
            if (!role.AttachedPolicies.Remove(policyArn))
            {
                throw IamErrors.NoSuchEntity($"Policy {policyArn} was not found.");
            }
            return null;
        });
    }

    private static XElement? ListAttachedRolePolicies(QueryCall call)
    {
        var name = call.Request.Required("RoleName");
        var prefix = call.Request.Get("PathPrefix") ?? "/";
        return call.Context.Store.Read(state =>
        {
            var role = Find(state, name);
            var policies = role.AttachedPolicies
                .Where(arn => PolicyPath(arn).StartsWith(prefix, StringComparison.Ordinal))
                .Select(arn => new XElement("member",
                    new XElement("PolicyName", arn[(arn.LastIndexOf('/') + 1)..]),
                    new XElement("PolicyArn", arn)));
            return new XElement("ListAttachedRolePoliciesResult",
                new XElement("AttachedPolicies", policies),
                new XElement("IsTruncated", "false"));
        });
    }

    /// <summary>AWS managed policies exist everywhere; customer managed policies are not emulated.</summary>
    private static void RequireManagedPolicy(string arn)
    {
        if (!arn.StartsWith("arn:aws:iam::aws:policy/", StringComparison.Ordinal) || arn.EndsWith('/'))
        {
            throw arn.StartsWith("arn:", StringComparison.Ordinal)
                ? IamErrors.NoSuchEntity($"Policy {arn} does not exist or is not attachable.")
                : IamErrors.InvalidInput($"ARN {arn} is not valid.");
        }
    }

    private static string PolicyPath(string arn)
    {
        var resource = arn["arn:aws:iam::aws:policy".Length..];
        return resource[..(resource.LastIndexOf('/') + 1)];
    }

    private static Role Find(EmulatorState state, string name) =>
        state.Roles.TryGetValue(name, out var role)
            ? role
            : throw IamErrors.NoSuchEntity($"The role with name {name} cannot be found.");
}
