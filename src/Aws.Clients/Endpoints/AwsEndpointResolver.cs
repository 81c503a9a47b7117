namespace PodIdentity.Aws.Clients;

/// <summary>Where one service's requests go and how they are signed.</summary>
public sealed record ServiceEndpoint(Uri BaseUri, string SigningRegion, string SigningName);

/// <summary>
/// Endpoint order: the <c>endpoints</c> block (already merged with AWS_ENDPOINT_URL_* by the resolver), then the
/// partition's default. IAM is global and always signed in its partition's global region.
/// </summary>
public static class AwsEndpointResolver
{
    public static ServiceEndpoint Resolve(AwsService service, string region, string? configuredUrl)
    {
        var partition = AwsPartition.ForRegion(region);
        var (host, signingRegion) = service switch
        {
            AwsService.Eks => ($"eks.{region}.{partition.DnsSuffix}", region),
            AwsService.Sts => ($"sts.{region}.{partition.DnsSuffix}", region),
            AwsService.Iam => (partition.IamHost, partition.GlobalSigningRegion),
            _ => throw new ArgumentOutOfRangeException(nameof(service)),
        };

        var uri = string.IsNullOrEmpty(configuredUrl) ? new Uri($"https://{host}/") : new Uri(configuredUrl);
        return new ServiceEndpoint(uri, signingRegion, SigningName(service));
    }

    public static ServiceEndpoint Resolve(AwsService service, AwsProviderConfig resolved)
    {
        var region = resolved.Region ?? throw new InvalidOperationException("The configuration has no region.");
        var url = service switch
        {
            AwsService.Eks => resolved.Endpoints?.Eks,
            AwsService.Iam => resolved.Endpoints?.Iam,
            AwsService.Sts => resolved.Endpoints?.Sts,
            _ => null,
        };
        return Resolve(service, region, url);
    }

    internal static string SigningName(AwsService service) => service switch
    {
        AwsService.Eks => "eks",
        AwsService.Iam => "iam",
        _ => "sts",
    };
}

public enum AwsService
{
    Eks,
    Iam,
    Sts,
}
