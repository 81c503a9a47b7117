namespace PodIdentity.Aws.Clients;

/// <summary>Fetches temporary credentials on first use, caches them and fetches again shortly before they expire.</summary>
internal abstract class RefreshingCredentialSource(TimeProvider time) : CredentialSource
{
    // Leave room for clock skew and for calls that start just before expiry.
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _lock = new(1, 1);

    protected TimeProvider Time { get; } = time;
    private AwsCredentialSet? _cached;

    public override async Task<AwsCredentialSet> GetAsync(CancellationToken cancellationToken)
    {
        var cached = _cached;
        if (IsFresh(cached))
        {
            return cached!;
        }

        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!IsFresh(_cached))
            {
                _cached = await FetchAsync(cancellationToken).ConfigureAwait(false);
            }

            return _cached!;
        }
        finally
        {
            _lock.Release();
        }
    }

    protected abstract Task<AwsCredentialSet> FetchAsync(CancellationToken cancellationToken);

    private bool IsFresh(AwsCredentialSet? c) =>
        c is not null && (c.Expiration is null || c.Expiration.Value - RefreshMargin > Time.GetUtcNow());
}
