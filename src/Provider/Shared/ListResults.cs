using System.Runtime.CompilerServices;
using PodIdentity.Plugin.Framework;
using PodIdentity.Plugin.Values;

namespace PodIdentity.Provider.Shared;

/// <summary>What both list resources share: page sizes, turning listed objects into results, and API failures.</summary>
internal static class ListResults
{
    /// <summary>EKS's largest page.</summary>
    public const int MaxPageSize = 100;

    /// <summary>maxResults for each page: no more than the limit Terraform will read (0: no limit).</summary>
    public static int PageSize(long limit) => limit is > 0 and < MaxPageSize ? (int)limit : MaxPageSize;

    /// <summary>
    /// One listed object. <paramref name="importedState"/> is what an import of it would hold; the identity comes from
    /// it through <see cref="ResourceIdentity"/>. With the object asked for, the resource's own Read fills it in (one
    /// Describe, the same mapping as a refresh); null when the object went away between the list and the read.
    /// </summary>
    public static async Task<ListResult?> ResultAsync(
        IdentifiedResource resource,
        ResourceIdentity identity,
        AwsProviderContext context,
        CtyValue importedState,
        string displayName,
        bool includeObject,
        CancellationToken cancellationToken)
    {
        if (!includeObject)
        {
            return new ListResult { DisplayName = displayName, Identity = identity.FromState(importedState, context) };
        }

        var read = new ReadResponse { State = importedState };
        await resource.ReadAsync(new ReadRequest { State = importedState }, read, cancellationToken).ConfigureAwait(false);
        if (read.State.IsNull)
        {
            return null;
        }

        var result = new ListResult { DisplayName = displayName, Identity = read.Identity, ResourceObject = read.State };
        result.Diagnostics.AddRange(read.Diagnostics);
        return result;
    }

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
