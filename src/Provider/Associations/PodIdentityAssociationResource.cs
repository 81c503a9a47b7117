using PodIdentity.Aws.Clients;
using PodIdentity.Plugin.Framework;
using PodIdentity.Plugin.Values;
using PodIdentity.Provider.Checks;
using PodIdentity.Provider.Shared;

namespace PodIdentity.Provider.Associations;

/// <summary>
/// <c>aws_eks_pod_identity_association</c>: create is one CreatePodIdentityAssociation (retried while IAM
/// propagates), read is one DescribePodIdentityAssociation, update touches only what changed, delete is one call.
/// Plan logic is in the .Plan part, import in the .Import part.
/// </summary>
internal sealed partial class PodIdentityAssociationResource(RolePropagationRetry retry)
    : IdentifiedResource(AssociationNames.ResourceType, AssociationSchema.Resource, AssociationSchema.Identity), IResourceWithValidateConfig
{
    public PodIdentityAssociationResource()
        : this(RolePropagationRetry.Default)
    {
    }

    protected override async Task CreateObjectAsync(CreateRequest request, CreateResponse response, CancellationToken cancellationToken)
    {
        var context = Context;

        var plan = request.Plan;
        var region = context.RegionOf(plan);
        var tagsAll = ResourceTags.Known(plan.GetAttribute(AssociationNames.TagsAll));
        var cluster = plan.GetString(AssociationNames.ClusterName)!;
        var ns = plan.GetString(AssociationNames.Namespace)!;
        var serviceAccount = plan.GetString(AssociationNames.ServiceAccount)!;
        var input = new CreatePodIdentityAssociationRequest(cluster, ns, serviceAccount, plan.GetString(AssociationNames.RoleArn)!)
        {
            // One token for every attempt: a create that reached AWS but lost its answer is not made twice.
            ClientRequestToken = Guid.NewGuid().ToString(),
            Tags = tagsAll.Count > 0 ? tagsAll : null,
            DisableSessionTags = plan.GetBool(AssociationNames.DisableSessionTags),
            TargetRoleArn = plan.GetString(AssociationNames.TargetRoleArn),
            Policy = plan.GetString(AssociationNames.Policy),
        };

        var eks = context.EksFor(region);
        PodIdentityAssociation created;
        try
        {
            created = await retry.RunAsync(
                "CreatePodIdentityAssociation", ct => eks.CreatePodIdentityAssociationAsync(input, ct), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (AwsErrors.IsReportable(e))
        {
            ReportCreateFailure(response.Diagnostics, e, cluster, ns, serviceAccount);
            return;
        }

        response.State = AssociationState.AfterApply(created, plan);
        response.Private = ReplacementMarker.Write(created.AssociationId);
        await AfterApplyChecksAsync(context, request.Plan, response.State, response.Diagnostics, cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ReadObjectAsync(ReadRequest request, ReadResponse response, CancellationToken cancellationToken)
    {
        var context = Context;

        var state = request.State;
        if (state.GetString(AssociationNames.ClusterName) is not { } cluster || (state.GetString(AssociationNames.AssociationId) ?? state.GetString(AssociationNames.Id)) is not { } id)
        {
            response.Diagnostics.AddError(
                "Incomplete state",
                "This association's state has no cluster_name or association_id. Remove it with `terraform state rm` and import it again.");
            return;
        }

        var region = context.RegionOf(state);
        PodIdentityAssociation found;
        try
        {
            found = await context.EksFor(region).DescribePodIdentityAssociationAsync(cluster, id, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsApiException e) when (e.IsNotFound)
        {
            response.Diagnostics.AddWarning(
                "EKS Pod Identity Association not found",
                $"Association {id} in cluster {cluster} ({region}) no longer exists; it was removed from state and the next apply creates it again.");
            response.State = CtyValue.Null(Schema.Type);
            return;
        }
        catch (Exception e) when (AwsErrors.IsReportable(e))
        {
            AwsErrors.Add(response.Diagnostics, $"Error reading EKS Pod Identity Association {id}", e);
            return;
        }

        response.State = AssociationState.FromApi(found, state, region, context.TagPolicy);
        response.Private = ReplacementMarker.Write(found.AssociationId ?? id);
        if (!string.IsNullOrEmpty(found.OwnerArn))
        {
            response.Diagnostics.AddWarning(
                "EKS Pod Identity Association is owned by an add-on",
                $"Association {id} is managed by {found.OwnerArn}. Terraform can read it but cannot change or delete it: "
                + "change the add-on's pod_identity_association instead, or remove this resource from state.");
        }
    }

    protected override async Task UpdateObjectAsync(UpdateRequest request, UpdateResponse response, CancellationToken cancellationToken)
    {
        var context = Context;

        var prior = request.PriorState;
        var plan = request.Plan;
        if (OwnedByAddon(prior, "updated", response.Diagnostics))
        {
            return;
        }

        var cluster = prior.GetString(AssociationNames.ClusterName)!;
        var id = prior.GetString(AssociationNames.AssociationId)!;
        var eks = context.EksFor(context.RegionOf(prior));

        var state = plan;
        if (AssociationChanges.UpdateRequest(prior, plan) is { } input)
        {
            try
            {
                var updated = await retry.RunAsync(
                    "UpdatePodIdentityAssociation", ct => eks.UpdatePodIdentityAssociationAsync(input, ct), cancellationToken).ConfigureAwait(false);
                state = AssociationState.AfterApply(updated, plan);
            }
            catch (Exception e) when (AwsErrors.IsReportable(e))
            {
                AwsErrors.Add(response.Diagnostics, $"Error updating EKS Pod Identity Association {id}", e, PathOf(e));
                return;
            }
        }

        state = AssociationChanges.FillUnknown(state, prior);
        var (set, remove) = ResourceTags.Diff(
            ResourceTags.Known(prior.GetAttribute(AssociationNames.TagsAll)), ResourceTags.Known(state.GetAttribute(AssociationNames.TagsAll)), context.TagPolicy);
        try
        {
            var arn = prior.GetString(AssociationNames.AssociationArn)!;
            if (remove.Count > 0)
            {
                await eks.UntagResourceAsync(arn, remove, cancellationToken).ConfigureAwait(false);
            }

            if (set.Count > 0)
            {
                await eks.TagResourceAsync(arn, set, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (AwsErrors.IsReportable(e))
        {
            AwsErrors.Add(response.Diagnostics, $"Error updating tags of EKS Pod Identity Association {id}", e, AttributePath.Root.Attribute(AssociationNames.Tags));
            // The association itself may have changed: record that, with the tags as they were.
            response.State = state.WithAttribute(AssociationNames.Tags, prior.GetAttribute(AssociationNames.Tags)).WithAttribute(AssociationNames.TagsAll, prior.GetAttribute(AssociationNames.TagsAll));
            return;
        }

        response.State = state;
        await AfterApplyChecksAsync(context, plan, state, response.Diagnostics, cancellationToken).ConfigureAwait(false);
    }

    // The checks a plan had to leave for later: values unknown then, the external id EKS issues on create.
    private static Task AfterApplyChecksAsync(AwsProviderContext context, CtyValue planned, CtyValue applied, Diagnostics diagnostics, CancellationToken cancellationToken) =>
        context.AssociationChecks is { } checks
            ? checks.AfterApplyAsync(AssociationFacts.From(planned), AssociationFacts.From(applied), diagnostics, cancellationToken)
            : Task.CompletedTask;

    public override async Task DeleteAsync(DeleteRequest request, DeleteResponse response, CancellationToken cancellationToken)
    {
        var context = Context;

        var prior = request.PriorState;
        if (OwnedByAddon(prior, "deleted", response.Diagnostics))
        {
            return;
        }

        var cluster = prior.GetString(AssociationNames.ClusterName)!;
        var id = prior.GetString(AssociationNames.AssociationId)!;
        try
        {
            await context.EksFor(context.RegionOf(prior))
                .DeletePodIdentityAssociationAsync(cluster, id, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsApiException e) when (e.IsNotFound)
        {
            // Already gone: that is what delete wanted.
        }
        catch (Exception e) when (AwsErrors.IsReportable(e))
        {
            AwsErrors.Add(response.Diagnostics, $"Error deleting EKS Pod Identity Association {id}", e);
        }
    }

    private static bool OwnedByAddon(CtyValue prior, string verb, Diagnostics diagnostics)
    {
        if (prior.GetString(AssociationNames.OwnerArn) is not { } owner)
        {
            return false;
        }

        diagnostics.AddError(
            "EKS Pod Identity Association is owned by an add-on",
            $"Association {prior.GetString(AssociationNames.AssociationId)} is managed by {owner} and cannot be {verb} directly. "
            + "Change the add-on's pod identity associations instead, or run `terraform state rm` on this resource to stop managing it.");
        return true;
    }

    private static void ReportCreateFailure(Diagnostics diagnostics, Exception e, string cluster, string ns, string serviceAccount)
    {
        if (e is AwsApiException { ErrorCode: "ResourceInUseException" })
        {
            AwsErrors.Add(diagnostics, "EKS Pod Identity Association already exists", e, AttributePath.Root.Attribute(AssociationNames.ServiceAccount),
                $"Cluster {cluster} already has an association for namespace \"{ns}\" and service account \"{serviceAccount}\"; "
                + "a service account can have only one. Remove the duplicate from the configuration, or adopt the existing one with "
                + $"an import block (id = \"{cluster},{ns},{serviceAccount}\").");
            return;
        }

        if (AwsErrors.IsRoleNotYetVisible(e))
        {
            AwsErrors.Add(diagnostics, "Error creating EKS Pod Identity Association", e, PathOf(e),
                "EKS still could not see the IAM role after retrying for 2 minutes. Check that the role exists in this account "
                + "and partition and that its name is spelled right.");
            return;
        }

        AwsErrors.Add(diagnostics, "Error creating EKS Pod Identity Association", e);
    }

    // Point a role error at the argument that named the role.
    private static AttributePath? PathOf(Exception e) =>
        e is AwsApiException api && AwsErrors.IsRoleNotYetVisible(api)
            ? AttributePath.Root.Attribute((api.ErrorMessage ?? "").StartsWith("Target", StringComparison.OrdinalIgnoreCase) ? AssociationNames.TargetRoleArn : AssociationNames.RoleArn)
            : null;
}
