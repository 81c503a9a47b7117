using PodIdentity.Plugin.Framework;
using PodIdentity.Plugin.Values;

namespace PodIdentity.Provider.Shared;

/// <summary>
/// The plan step every resource here runs first in ModifyPlan, for <c>region</c> and <c>tags_all</c>: the provider's
/// region when the resource names none, a changed region replaces the object, tags_all is default_tags merged with tags
/// without ignored keys (at most <see cref="EksValidators.MaxTags"/>). Both stay unknown while the provider is not
/// configured yet. Apply takes both from the plan: Terraform plans again with the provider configured before it applies.
/// </summary>
internal static class RegionAndTagsPlan
{
    public const string Region = "region";
    public const string Tags = "tags";
    public const string TagsAll = "tags_all";

    /// <param name="taggedObject">What the tag-count error names, as in <see cref="EksValidators.Tags"/>: "an add-on".</param>
    public static CtyValue Apply(ModifyPlanRequest request, ModifyPlanResponse response, AwsProviderContext? context, string taggedObject)
    {
        var plan = response.Plan;
        if (request.Config.GetAttribute(Region).IsNull)
        {
            plan = context is null ? plan.WithUnknown(Region) : plan.WithString(Region, context.Region);
        }

        var region = plan.GetAttribute(Region);
        if (!request.IsCreate && region.IsKnown && !region.Equals(request.PriorState.GetAttribute(Region)))
        {
            response.RequiresReplace.Add(AttributePath.Root.Attribute(Region));
        }

        var tagsAll = context is null
            ? CtyValue.Unknown(CtyType.Map(CtyType.String))
            : ResourceTags.PlanTagsAll(request.Config.GetAttribute(Tags), context.TagPolicy);
        if (tagsAll.IsKnown && tagsAll.Count > EksValidators.MaxTags)
        {
            response.Diagnostics.AddError(
                "Too Many Tags",
                $"EKS allows at most {EksValidators.MaxTags} tags on {taggedObject}; tags with the provider's default_tags come to {tagsAll.Count}.",
                AttributePath.Root.Attribute(Tags));
        }

        return plan.WithAttribute(TagsAll, tagsAll);
    }
}
