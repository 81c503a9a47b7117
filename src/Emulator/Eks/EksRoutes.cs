namespace PodIdentity.Emulator.Eks;

/// <summary>
/// Every EKS operation the emulator serves, with the HTTP binding from the model and the errors its handler
/// can answer with. Transport-level answers (authentication, injected faults, unknown routes) are not listed.
/// </summary>
internal static class EksRoutes
{
    private const string NotFound = "ResourceNotFoundException";
    private const string InvalidParameter = "InvalidParameterException";
    private const string InvalidRequest = "InvalidRequestException";
    private const string InUse = "ResourceInUseException";
    private const string LimitExceeded = "ResourceLimitExceededException";
    private const string BadRequest = "BadRequestException";
    private const string TagNotFound = "NotFoundException";
    private const string Client = "ClientException";

    public static readonly IReadOnlyList<EksRoute> All =
    [
        new("CreatePodIdentityAssociation", "POST", "/clusters/{name}/pod-identity-associations",
            [NotFound, InvalidParameter, InvalidRequest, InUse, LimitExceeded], PodIdentityOperations.Create),
        new("ListPodIdentityAssociations", "GET", "/clusters/{name}/pod-identity-associations",
            [NotFound, InvalidParameter, InvalidRequest], PodIdentityOperations.List),
        new("DescribePodIdentityAssociation", "GET", "/clusters/{name}/pod-identity-associations/{associationId}",
            [NotFound, InvalidParameter], PodIdentityOperations.Describe),
        new("UpdatePodIdentityAssociation", "POST", "/clusters/{name}/pod-identity-associations/{associationId}",
            [NotFound, InvalidParameter, InvalidRequest], PodIdentityOperations.Update),
        new("DeletePodIdentityAssociation", "DELETE", "/clusters/{name}/pod-identity-associations/{associationId}",
            [NotFound, InvalidParameter, InvalidRequest], PodIdentityOperations.Delete),

        new("TagResource", "POST", "/tags/{resourceArn}", [BadRequest, TagNotFound], TagOperations.Tag),
        new("UntagResource", "DELETE", "/tags/{resourceArn}", [BadRequest, TagNotFound], TagOperations.Untag),
        new("ListTagsForResource", "GET", "/tags/{resourceArn}", [BadRequest, TagNotFound], TagOperations.List),

        new("CreateCluster", "POST", "/clusters", [InvalidParameter, InUse], ClusterOperations.Create),
        new("ListClusters", "GET", "/clusters", [InvalidParameter], ClusterOperations.List),
        new("DescribeCluster", "GET", "/clusters/{name}", [NotFound, Client], ClusterOperations.Describe),
        new("DeleteCluster", "DELETE", "/clusters/{name}", [NotFound, InvalidRequest], ClusterOperations.Delete),

        new("CreateAddon", "POST", "/clusters/{name}/addons",
            [InvalidParameter, InvalidRequest, NotFound, InUse], AddonOperations.Create),
        new("ListAddons", "GET", "/clusters/{name}/addons", [InvalidParameter, NotFound], AddonOperations.List),
        new("DescribeAddon", "GET", "/clusters/{name}/addons/{addonName}", [InvalidParameter, NotFound], AddonOperations.Describe),
        new("UpdateAddon", "POST", "/clusters/{name}/addons/{addonName}/update",
            [InvalidParameter, InvalidRequest, NotFound, InUse], AddonOperations.Update),
        new("DeleteAddon", "DELETE", "/clusters/{name}/addons/{addonName}", [InvalidParameter, NotFound], AddonOperations.Delete),
        new("DescribeUpdate", "GET", "/clusters/{name}/updates/{updateId}", [InvalidParameter, NotFound], AddonOperations.DescribeUpdate),
        new("DescribeAddonVersions", "GET", "/addons/supported-versions", [InvalidParameter], AddonCatalogOperations.DescribeVersions),
        new("DescribeAddonConfiguration", "GET", "/addons/configuration-schemas", [InvalidParameter], AddonCatalogOperations.DescribeConfiguration),
    ];

    /// <summary>The route for a method and decoded path; a path match with another method is reported too.</summary>
    public static EksRoute? Match(string method, IReadOnlyList<string> segments, out Dictionary<string, string> labels)
    {
        foreach (var route in All)
        {
            if (route.Method == method && route.TryMatch(segments, out labels))
            {
                return route;
            }
        }
        labels = [];
        return null;
    }
}
