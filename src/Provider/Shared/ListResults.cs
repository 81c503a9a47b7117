using System.Runtime.CompilerServices;
using PodIdentity.Plugin.Framework;

namespace PodIdentity.Provider.Shared;

/// <summary>
/// A list resource (<c>terraform query</c>) of one of our resources: the same type name, configured together with the
/// resource, whose Read fills in each object when the request includes them (<see cref="IdentifiedResource.ListedAsync"/>).
/// </summary>
internal abstract class ListResourceOf<TResource>(TResource resource, Schema configSchema) : ConfiguredByProvider, IListResourceWithConfigure
    where TResource : IdentifiedResource
{
    public string TypeName => resource.TypeName;

    public Schema ConfigSchema => configSchema;

    protected TResource Resource => resource;

    void IListResourceWithConfigure.Configure(object? providerData)
    {
        Configure(providerData);
        resource.Configure(providerData);
    }

    public abstract IAsyncEnumerable<ListResult> ListAsync(ListRequest request, CancellationToken cancellationToken);
}

/// <summary>What both list resources share: page sizes and API failures while paging.</summary>
internal static class ListResults
{
    /// <summary>EKS's largest page.</summary>
    public const int MaxPageSize = 100;

    /// <summary>maxResults for each page: no more than the limit Terraform will read (0: no limit).</summary>
    public static int PageSize(long limit) => limit is > 0 and < MaxPageSize ? (int)limit : MaxPageSize;

    /// <summary>
    /// Results for each listed item in order; an API failure while paging becomes a last result with the error
    /// (the framework ends the stream with it) instead of an exception.
    /// </summary>
    public static async IAsyncEnumerable<ListResult> Over<T>(
        IAsyncEnumerable<T> items,
        Func<T, CancellationToken, Task<ListResult?>> toResult,
        string failure,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var pages = items.GetAsyncEnumerator(cancellationToken);
        await using (pages.ConfigureAwait(false))
        {
            while (true)
            {
                bool more;
                ListResult? error = null;
                try
                {
                    more = await pages.MoveNextAsync().ConfigureAwait(false);
                }
                catch (Exception e) when (AwsErrors.IsReportable(e))
                {
                    error = new ListResult();
                    AwsErrors.Add(error.Diagnostics, failure, e);
                    more = false;
                }

                if (error is not null)
                {
                    yield return error;
                }

                if (!more)
                {
                    yield break;
                }

                if (await toResult(pages.Current, cancellationToken).ConfigureAwait(false) is { } result)
                {
                    yield return result;
                }
            }
        }
    }
}
