using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace PodIdentity.Aws.Clients;

/// <summary>Amazon EKS over rest-json: the pod identity, tagging, cluster and add-on operations the provider uses.</summary>
public sealed class EksClient
{
    private const string ServiceName = "EKS";
    private const string JsonContentType = "application/json";
    private static readonly EksJsonContext Json = EksJsonContext.Default;

    private readonly AwsTransport _transport;
    private readonly ServiceEndpoint _endpoint;
    private readonly CredentialSource _credentials;

    internal EksClient(AwsTransport transport, ServiceEndpoint endpoint, CredentialSource credentials)
    {
        _transport = transport;
        _endpoint = endpoint;
        _credentials = credentials;
    }

    public ServiceEndpoint Endpoint => _endpoint;

    public async Task<PodIdentityAssociation> CreatePodIdentityAssociationAsync(CreatePodIdentityAssociationRequest request, CancellationToken cancellationToken)
    {
        request = request with { ClientRequestToken = request.ClientRequestToken ?? NewToken() };
        var path = $"/clusters/{Seg(request.ClusterName)}/pod-identity-associations";
        var body = JsonSerializer.SerializeToUtf8Bytes(request, Json.CreatePodIdentityAssociationRequest);
        var result = await SendAsync(HttpMethod.Post, path, body, "CreatePodIdentityAssociation", Json.AssociationEnvelope, cancellationToken).ConfigureAwait(false);
        return Required(result.Association, "association", "CreatePodIdentityAssociation");
    }

    public async Task<PodIdentityAssociation> DescribePodIdentityAssociationAsync(string clusterName, string associationId, CancellationToken cancellationToken)
    {
        var path = $"/clusters/{Seg(clusterName)}/pod-identity-associations/{Seg(associationId)}";
        var result = await SendAsync(HttpMethod.Get, path, null, "DescribePodIdentityAssociation", Json.AssociationEnvelope, cancellationToken).ConfigureAwait(false);
        return Required(result.Association, "association", "DescribePodIdentityAssociation");
    }

    public async Task<PodIdentityAssociation> UpdatePodIdentityAssociationAsync(UpdatePodIdentityAssociationRequest request, CancellationToken cancellationToken)
    {
        request = request with { ClientRequestToken = request.ClientRequestToken ?? NewToken() };
        var path = $"/clusters/{Seg(request.ClusterName)}/pod-identity-associations/{Seg(request.AssociationId)}";
        var body = JsonSerializer.SerializeToUtf8Bytes(request, Json.UpdatePodIdentityAssociationRequest);
        var result = await SendAsync(HttpMethod.Post, path, body, "UpdatePodIdentityAssociation", Json.AssociationEnvelope, cancellationToken).ConfigureAwait(false);
        return Required(result.Association, "association", "UpdatePodIdentityAssociation");
    }

    public async Task<PodIdentityAssociation?> DeletePodIdentityAssociationAsync(string clusterName, string associationId, CancellationToken cancellationToken)
    {
        var path = $"/clusters/{Seg(clusterName)}/pod-identity-associations/{Seg(associationId)}";
        var result = await SendAsync(HttpMethod.Delete, path, null, "DeletePodIdentityAssociation", Json.AssociationEnvelope, cancellationToken).ConfigureAwait(false);
        return result.Association;
    }

    public async Task<ListPodIdentityAssociationsResult> ListPodIdentityAssociationsAsync(ListPodIdentityAssociationsRequest request, CancellationToken cancellationToken)
    {
        var query = new QueryBuilder()
            .Add("namespace", request.Namespace)
            .Add("serviceAccount", request.ServiceAccount)
            .Add("maxResults", request.MaxResults)
            .Add("nextToken", request.NextToken);
        var path = WithQuery($"/clusters/{Seg(request.ClusterName)}/pod-identity-associations", query);
        var result = await SendAsync(HttpMethod.Get, path, null, "ListPodIdentityAssociations", Json.AssociationListEnvelope, cancellationToken).ConfigureAwait(false);
        return new ListPodIdentityAssociationsResult(result.Associations ?? [], NullIfEmpty(result.NextToken));
    }

    /// <summary>Every association matching the filters, following nextToken until the last page.</summary>
    public async IAsyncEnumerable<PodIdentityAssociationSummary> ListAllPodIdentityAssociationsAsync(
        ListPodIdentityAssociationsRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var page = request with { NextToken = null };
        while (true)
        {
            var result = await ListPodIdentityAssociationsAsync(page, cancellationToken).ConfigureAwait(false);
            foreach (var item in result.Associations)
            {
                yield return item;
            }

            if (result.NextToken is null || result.NextToken == page.NextToken)
            {
                yield break;
            }

            page = page with { NextToken = result.NextToken };
        }
    }

    public Task TagResourceAsync(string resourceArn, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new TagsEnvelope(tags), Json.TagsEnvelope);
        return SendAsync(HttpMethod.Post, $"/tags/{Seg(resourceArn)}", body, "TagResource", Json.TagsEnvelope, cancellationToken);
    }

    public Task UntagResourceAsync(string resourceArn, IEnumerable<string> tagKeys, CancellationToken cancellationToken)
    {
        var path = WithQuery($"/tags/{Seg(resourceArn)}", new QueryBuilder().AddEach("tagKeys", tagKeys));
        return SendAsync(HttpMethod.Delete, path, null, "UntagResource", Json.TagsEnvelope, cancellationToken);
    }

    public async Task<Cluster> DescribeClusterAsync(string name, CancellationToken cancellationToken)
    {
        var result = await SendAsync(HttpMethod.Get, $"/clusters/{Seg(name)}", null, "DescribeCluster", Json.ClusterEnvelope, cancellationToken).ConfigureAwait(false);
        return Required(result.Cluster, "cluster", "DescribeCluster");
    }

    public async Task<Addon> CreateAddonAsync(CreateAddonRequest request, CancellationToken cancellationToken)
    {
        request = request with { ClientRequestToken = request.ClientRequestToken ?? NewToken() };
        var body = JsonSerializer.SerializeToUtf8Bytes(request, Json.CreateAddonRequest);
        var result = await SendAsync(HttpMethod.Post, $"/clusters/{Seg(request.ClusterName)}/addons", body, "CreateAddon", Json.AddonEnvelope, cancellationToken).ConfigureAwait(false);
        return Required(result.Addon, "addon", "CreateAddon");
    }

    public async Task<Addon> DescribeAddonAsync(string clusterName, string addonName, CancellationToken cancellationToken)
    {
        var path = $"/clusters/{Seg(clusterName)}/addons/{Seg(addonName)}";
        var result = await SendAsync(HttpMethod.Get, path, null, "DescribeAddon", Json.AddonEnvelope, cancellationToken).ConfigureAwait(false);
        return Required(result.Addon, "addon", "DescribeAddon");
    }

    public async Task<Update> UpdateAddonAsync(UpdateAddonRequest request, CancellationToken cancellationToken)
    {
        request = request with { ClientRequestToken = request.ClientRequestToken ?? NewToken() };
        var path = $"/clusters/{Seg(request.ClusterName)}/addons/{Seg(request.AddonName)}/update";
        var body = JsonSerializer.SerializeToUtf8Bytes(request, Json.UpdateAddonRequest);
        var result = await SendAsync(HttpMethod.Post, path, body, "UpdateAddon", Json.UpdateEnvelope, cancellationToken).ConfigureAwait(false);
        return Required(result.Update, "update", "UpdateAddon");
    }

    /// <summary>Deletes an add-on; <paramref name="preserve"/> keeps its Kubernetes resources on the cluster.</summary>
    public async Task<Addon?> DeleteAddonAsync(string clusterName, string addonName, bool preserve, CancellationToken cancellationToken)
    {
        var path = WithQuery($"/clusters/{Seg(clusterName)}/addons/{Seg(addonName)}", new QueryBuilder().Add("preserve", preserve ? true : null));
        var result = await SendAsync(HttpMethod.Delete, path, null, "DeleteAddon", Json.AddonEnvelope, cancellationToken).ConfigureAwait(false);
        return result.Addon;
    }

    public async Task<Update> DescribeUpdateAsync(string clusterName, string updateId, string? addonName, CancellationToken cancellationToken)
    {
        var path = WithQuery($"/clusters/{Seg(clusterName)}/updates/{Seg(updateId)}", new QueryBuilder().Add("addonName", addonName));
        var result = await SendAsync(HttpMethod.Get, path, null, "DescribeUpdate", Json.UpdateEnvelope, cancellationToken).ConfigureAwait(false);
        return Required(result.Update, "update", "DescribeUpdate");
    }

    public async Task<ListAddonsResult> ListAddonsAsync(string clusterName, int? maxResults, string? nextToken, CancellationToken cancellationToken)
    {
        var query = new QueryBuilder().Add("maxResults", maxResults).Add("nextToken", nextToken);
        var path = WithQuery($"/clusters/{Seg(clusterName)}/addons", query);
        var result = await SendAsync(HttpMethod.Get, path, null, "ListAddons", Json.AddonNameListEnvelope, cancellationToken).ConfigureAwait(false);
        return new ListAddonsResult(result.Addons ?? [], NullIfEmpty(result.NextToken));
    }

    public async Task<DescribeAddonVersionsResult> DescribeAddonVersionsAsync(DescribeAddonVersionsRequest request, CancellationToken cancellationToken)
    {
        var query = new QueryBuilder()
            .Add("kubernetesVersion", request.KubernetesVersion)
            .Add("maxResults", request.MaxResults)
            .Add("nextToken", request.NextToken)
            .Add("addonName", request.AddonName)
            .AddEach("types", request.Types)
            .AddEach("publishers", request.Publishers)
            .AddEach("owners", request.Owners);
        var path = WithQuery("/addons/supported-versions", query);
        var result = await SendAsync(HttpMethod.Get, path, null, "DescribeAddonVersions", Json.AddonInfoListEnvelope, cancellationToken).ConfigureAwait(false);
        return new DescribeAddonVersionsResult(result.Addons ?? [], NullIfEmpty(result.NextToken));
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string path, byte[]? body, string operation, JsonTypeInfo<T> output, CancellationToken cancellationToken)
        where T : class
    {
        var request = new AwsHttpRequest(method, path, body ?? [], body is null ? null : JsonContentType);
        var response = await _transport.SendAsync(request, _endpoint, _credentials, AwsProtocol.RestJson, ServiceName, operation, cancellationToken)
            .ConfigureAwait(false);
        if (response.Body.Length == 0)
        {
            return JsonSerializer.Deserialize("{}"u8, output)!;
        }

        try
        {
            return JsonSerializer.Deserialize(response.Body, output)
                ?? throw new AwsApiException(ServiceName, operation, response.Status, "InvalidResponse", "The response body was null.", response.RequestId);
        }
        catch (JsonException e)
        {
            throw new AwsApiException(ServiceName, operation, response.Status, "InvalidResponse", "The response is not valid JSON: " + e.Message, response.RequestId);
        }
    }

    private static string Seg(string value) => QueryBuilder.Segment(value);

    private static string WithQuery(string path, QueryBuilder query) => query.IsEmpty ? path : path + "?" + query;

    private static string NewToken() => Guid.NewGuid().ToString();

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;

    private static T Required<T>(T? value, string member, string operation) where T : class =>
        value ?? throw new AwsApiException(ServiceName, operation, 200, "InvalidResponse", $"The response has no \"{member}\".", null);
}
