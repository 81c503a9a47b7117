using PodIdentity.Aws.Clients;
using PodIdentity.Plugin.Framework;
using PodIdentity.Plugin.Values;
using PodIdentity.Provider.Shared;
using N = PodIdentity.Provider.Addons.AddonNames;

namespace PodIdentity.Provider.Addons;

/// <summary>
/// <c>aws_eks_addon</c>: create and wait for ACTIVE, update only what changed and wait on the update, delete and wait
/// until gone. A failed or timed-out wait is an error that keeps the add-on in state. Plan logic is in the .Plan part,
/// import in the .Import part, waits in the .Waits part.
/// </summary>
internal sealed partial class AddonResource(AddonWaiter waiter)
    : IdentifiedResource(N.ResourceType, AddonSchema.Resource, AddonSchema.Identity)
{
    public AddonResource()
        : this(AddonWaiter.Default)
    {
    }

    protected override async Task CreateObjectAsync(CreateRequest request, CreateResponse response, CancellationToken cancellationToken)
    {
        var context = Context;

        var plan = request.Plan;
        var region = context.RegionOf(plan);
        var tagsAll = ResourceTags.Known(plan.GetAttribute(N.TagsAll));
        var cluster = plan.GetString(N.ClusterName)!;
        var name = plan.GetString(N.AddonName)!;
        var associations = AddonState.RequestedAssociations(plan);
        var ns = AddonState.NamespaceOf(plan);
        var input = new CreateAddonRequest(cluster, name)
        {
            AddonVersion = plan.GetString(N.AddonVersion),
            ServiceAccountRoleArn = plan.GetString(N.ServiceAccountRoleArn),
            ResolveConflicts = plan.GetString(N.ResolveConflictsOnCreate),
            ClientRequestToken = Guid.NewGuid().ToString(),
            Tags = tagsAll.Count > 0 ? tagsAll : null,
            ConfigurationValues = plan.GetString(N.ConfigurationValues),
            PodIdentityAssociations = associations.Count > 0 ? associations : null,
            NamespaceConfig = ns is null ? null : new AddonNamespaceConfig { Namespace = ns },
        };

        var eks = context.EksFor(region);
        try
        {
            await eks.CreateAddonAsync(input, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsApiException e) when (e.ErrorCode == "ResourceInUseException")
        {
            AwsErrors.Add(response.Diagnostics, "EKS Add-On already exists", e, AttributePath.Root.Attribute(N.AddonName),
                $"Cluster {cluster} already has the {name} add-on. Adopt it with an import block (id = \"{AddonState.ImportId(cluster, name)}\").");
            return;
        }
        catch (Exception e) when (AwsErrors.IsReportable(e))
        {
            AwsErrors.Add(response.Diagnostics, $"Error creating EKS Add-On ({AddonState.ImportId(cluster, name)})", e);
            return;
        }

        // From here on the add-on exists: every outcome records it in state so nothing is lost.
        var timeout = AddonTimeouts.For(plan, N.Create, AddonTimeouts.CreateDefault);
        var acceptDegraded = plan.GetBool(N.AcceptDegraded) ?? false;
        var outcome = await WaitForStatusAsync(eks, cluster, name, "CREATING", acceptDegraded, timeout, cancellationToken, response.Diagnostics, "creation")
            .ConfigureAwait(false);
        response.State = await StateAfterApplyAsync(eks, context, outcome, plan, region, cancellationToken, response.Diagnostics).ConfigureAwait(false);
        if (outcome is not null)
        {
            response.Private = AddonPrivate.WithRemoteNamespace(response.Private, outcome.NamespaceConfig?.Namespace);
        }

        if (outcome?.Status == "CREATE_FAILED")
        {
            response.Diagnostics.AddError(
                $"EKS Add-On {AddonState.ImportId(cluster, name)} failed to create",
                $"The add-on reached CREATE_FAILED. {AddonState.DescribeIssues(outcome)}\n\n"
                + "It stays in state (tainted); the next apply replaces it, or fix the cause and run `terraform apply -replace`.");
        }
    }

    protected override async Task ReadObjectAsync(ReadRequest request, ReadResponse response, CancellationToken cancellationToken)
    {
        var context = Context;

        var state = request.State;
        if (state.GetString(N.ClusterName) is not { } cluster || state.GetString(N.AddonName) is not { } name)
        {
            response.Diagnostics.AddError(
                "Incomplete state",
                "This add-on's state has no cluster_name or addon_name. Remove it with `terraform state rm` and import it again.");
            return;
        }

        var region = context.RegionOf(state);
        var eks = context.EksFor(region);
        Addon found;
        try
        {
            found = await eks.DescribeAddonAsync(cluster, name, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsApiException e) when (e.IsNotFound)
        {
            response.Diagnostics.AddWarning(
                "EKS Add-On not found",
                $"Add-on {name} on cluster {cluster} ({region}) no longer exists; it was removed from state and the next apply creates it again.");
            response.State = CtyValue.Null(Schema.Type);
            return;
        }
        catch (Exception e) when (AwsErrors.IsReportable(e))
        {
            AwsErrors.Add(response.Diagnostics, $"Error reading EKS Add-On ({AddonState.ImportId(cluster, name)})", e);
            return;
        }

        var associations = await ReadAssociationsAsync(eks, cluster, found, response.Diagnostics, cancellationToken).ConfigureAwait(false);
        if (associations is null)
        {
            return;
        }

        response.State = AddonState.FromApi(found, associations, state, region, context.TagPolicy);
        response.Private = AddonPrivate.WithRemoteNamespace(response.Private, found.NamespaceConfig?.Namespace);
    }

    public override async Task DeleteAsync(DeleteRequest request, DeleteResponse response, CancellationToken cancellationToken)
    {
        var context = Context;

        var prior = request.PriorState;
        var cluster = prior.GetString(N.ClusterName)!;
        var name = prior.GetString(N.AddonName)!;
        var id = AddonState.ImportId(cluster, name);
        var eks = context.EksFor(context.RegionOf(prior));
        try
        {
            await eks.DeleteAddonAsync(cluster, name, prior.GetBool(N.Preserve) ?? false, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsApiException e) when (e.IsNotFound)
        {
            return;
        }
        catch (Exception e) when (AwsErrors.IsReportable(e))
        {
            AwsErrors.Add(response.Diagnostics, $"Error deleting EKS Add-On ({id})", e);
            return;
        }

        var timeout = AddonTimeouts.For(prior, N.Delete, AddonTimeouts.DeleteDefault);
        (Addon? Addon, bool Gone) last;
        bool timedOut;
        try
        {
            (last, timedOut) = await waiter.PollAsync(
                async ct =>
                {
                    try
                    {
                        return (Addon: (Addon?)await eks.DescribeAddonAsync(cluster, name, ct).ConfigureAwait(false), Gone: false);
                    }
                    catch (AwsApiException e) when (e.IsNotFound)
                    {
                        return (Addon: (Addon?)null, Gone: true);
                    }
                },
                r => r.Gone || r.Addon?.Status == "DELETE_FAILED",
                timeout,
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (AwsErrors.IsReportable(e))
        {
            AwsErrors.Add(response.Diagnostics, $"Error waiting for EKS Add-On ({id}) to be deleted", e);
            return;
        }

        if (last.Gone)
        {
            return;
        }

        response.Diagnostics.AddError(
            timedOut ? $"Timed out waiting for EKS Add-On ({id}) to be deleted" : $"EKS Add-On ({id}) failed to delete",
            timedOut
                ? $"The add-on was still {last.Addon?.Status} when the delete wait ran out after {AddonTimeouts.Format(timeout)} (timeouts.delete). "
                  + "It stays in state; run destroy again once it is gone, or raise timeouts.delete."
                : $"The add-on reached DELETE_FAILED. {AddonState.DescribeIssues(last.Addon!)}\n\nIt stays in state.");
    }

    /// <summary>Reads the role and service account of each association the add-on owns (null after an error).</summary>
    private static async Task<IReadOnlyList<AddonAssociation>?> ReadAssociationsAsync(
        EksClient eks, string cluster, Addon addon, Diagnostics diagnostics, CancellationToken cancellationToken)
    {
        var result = new List<AddonAssociation>();
        foreach (var arn in addon.PodIdentityAssociations ?? [])
        {
            var id = arn[(arn.LastIndexOf('/') + 1)..];
            try
            {
                var a = await eks.DescribePodIdentityAssociationAsync(cluster, id, cancellationToken).ConfigureAwait(false);
                result.Add(new AddonAssociation(a.ServiceAccount ?? "", a.RoleArn ?? ""));
            }
            catch (AwsApiException e) when (e.IsNotFound)
            {
                // Removed between the two calls: it is not the add-on's any more.
            }
            catch (Exception e) when (AwsErrors.IsReportable(e))
            {
                AwsErrors.Add(diagnostics, $"Error reading pod identity association {id} of EKS Add-On {addon.AddonName}", e);
                return null;
            }
        }

        return result;
    }
}
