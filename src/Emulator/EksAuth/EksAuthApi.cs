using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PodIdentity.Emulator.Eks;
using PodIdentity.Emulator.Hosting;
using PodIdentity.Emulator.Protocol;

namespace PodIdentity.Emulator.EksAuth;

/// <summary>
/// The EKS Auth service (signing name eks-auth, rest-json): its one operation, AssumeRoleForPodIdentity at
/// POST /clusters/{clusterName}/assume-role-for-pod-identity, with the shapes and errors of its model.
/// </summary>
internal static partial class EksAuthApi
{
    public const string Service = "eks-auth";
    public const string Operation = "AssumeRoleForPodIdentity";

    /// <summary>The errors the handler answers with; all are in the model's list for the operation.</summary>
    public static readonly IReadOnlyList<string> Errors =
    [
        "InvalidParameterException", "InvalidTokenException", "ExpiredTokenException", "ResourceNotFoundException",
        "AccessDeniedException",
    ];

    [GeneratedRegex("^[A-Za-z0-9-_=]+\\.[A-Za-z0-9-_=]+\\.[A-Za-z0-9-_=]+$")]
    private static partial Regex JwtToken();

    /// <summary>The {clusterName} of the operation's path, or null when the path is not the operation's.</summary>
    public static string? ClusterName(string method, IReadOnlyList<string> segments) =>
        method == "POST" && segments is ["clusters", var name, "assume-role-for-pod-identity"] ? name : null;

    public static JsonObject Handle(EmulatorContext context, string region, string clusterName, ReadOnlyMemory<byte> body)
    {
        if (!ClusterNames.IsValid(clusterName))
        {
            throw new AwsError("InvalidParameterException", 400, $"Cluster name {clusterName} does not match [0-9A-Za-z][A-Za-z0-9\\-_]*.");
        }
        JsonObject? request;
        try
        {
            request = body.IsEmpty ? null : JsonNode.Parse(body.Span) as JsonObject;
        }
        catch (JsonException)
        {
            request = null;
        }
        if (request is null)
        {
            throw new AwsError("InvalidParameterException", 400, "The request body is not a valid JSON object.");
        }
        var token = request["token"] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
        if (string.IsNullOrEmpty(token))
        {
            throw new AwsError("InvalidParameterException", 400, "token is required.");
        }
        if (!JwtToken().IsMatch(token))
        {
            throw new AwsError("InvalidTokenException", 400, "The service account token is not a JWT.");
        }
        return Write(PodIdentityGrants.Assume(context, region, clusterName, token));
    }

    public static JsonObject Write(PodIdentityGrant grant) => new()
    {
        ["subject"] = new JsonObject { ["namespace"] = grant.Claims.Namespace, ["serviceAccount"] = grant.Claims.ServiceAccount },
        ["audience"] = PodIdentityGrants.PodsService,
        ["podIdentityAssociation"] = new JsonObject
        {
            ["associationArn"] = grant.Association.Arn,
            ["associationId"] = grant.Association.Id,
        },
        ["assumedRoleUser"] = new JsonObject
        {
            ["arn"] = grant.Session.AssumedRoleArn,
            ["assumeRoleId"] = grant.Session.AssumedRoleId,
        },
        ["credentials"] = new JsonObject
        {
            ["sessionToken"] = grant.Session.SessionToken,
            ["secretAccessKey"] = grant.Session.SecretAccessKey,
            ["accessKeyId"] = grant.Session.AccessKeyId,
            ["expiration"] = EksJsonResponse.Timestamp(grant.Session.Expiration),
        },
    };
}
