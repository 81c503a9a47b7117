using System.Text.Json.Nodes;
using PodIdentity.TestSupport;

namespace PodIdentity.Provider.Tests.Resources;

/// <summary>
/// A scripted EKS under the real typed client: each operation answers from its own queue (the last answer repeats)
/// and every request is recorded, so tests assert exactly which calls were made with which members. Pod identity
/// and tagging operations go by their names; every other request by "METHOD /path".
/// </summary>
internal sealed class FakeEks() : FakeHttpHandler(Routes(PodIdentityRoutes))
{
    public static readonly (string Method, string Template, string Operation)[] PodIdentityRoutes =
    [
        ("POST", "/clusters/{name}/pod-identity-associations", "CreatePodIdentityAssociation"),
        ("GET", "/clusters/{name}/pod-identity-associations", "ListPodIdentityAssociations"),
        ("GET", "/clusters/{name}/pod-identity-associations/{id}", "DescribePodIdentityAssociation"),
        ("POST", "/clusters/{name}/pod-identity-associations/{id}", "UpdatePodIdentityAssociation"),
        ("DELETE", "/clusters/{name}/pod-identity-associations/{id}", "DeletePodIdentityAssociation"),
        ("POST", "/tags/{arn+}", "TagResource"),
        ("DELETE", "/tags/{arn+}", "UntagResource"),
    ];

    public static JsonObject Association(
        string id = "a-0123456789abcdefg",
        string ns = "payments",
        string serviceAccount = "payments-api",
        string role = "arn:aws:iam::123456789012:role/payments-api",
        string? target = null,
        string? externalId = null,
        string? policy = null,
        bool disableSessionTags = false,
        string? owner = null,
        JsonObject? tags = null,
        double createdAt = 1767225600,
        double modifiedAt = 1767225600)
    {
        var json = new JsonObject
        {
            ["clusterName"] = "lab",
            ["namespace"] = ns,
            ["serviceAccount"] = serviceAccount,
            ["roleArn"] = role,
            ["associationArn"] = $"arn:aws:eks:us-west-2:123456789012:podidentityassociation/lab/{id}",
            ["associationId"] = id,
            ["tags"] = tags ?? new JsonObject(),
            ["createdAt"] = createdAt,
            ["modifiedAt"] = modifiedAt,
            ["disableSessionTags"] = disableSessionTags,
        };
        if (target is not null)
        {
            json["targetRoleArn"] = target;
        }

        if (externalId is not null)
        {
            json["externalId"] = externalId;
        }

        if (policy is not null)
        {
            json["policy"] = policy;
        }

        if (owner is not null)
        {
            json["ownerArn"] = owner;
        }

        return new JsonObject { ["association"] = json };
    }
}
