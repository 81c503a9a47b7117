using System.Collections.Concurrent;
using PodIdentity.Aws.Clients;
using PodIdentity.Plugin.Logging;

namespace PodIdentity.Provider.Checks;

internal enum LookupStatus
{
    Found,
    Missing,

    /// <summary>The check could not tell (another account, no permission, throttled, timed out...): it says nothing.</summary>
    Unavailable,
}

internal sealed record RoleLookup(LookupStatus Status, TrustPolicy? Trust = null);

internal sealed record ClusterLookup(LookupStatus Status, string? Version = null, string? PlatformVersion = null);

/// <summary>
/// The AWS reads behind the plan-time checks, for one configured provider (one provider process): one GetRole per
/// role and one DescribeCluster per cluster, shared by every resource that asks, and one
/// ListPodIdentityAssociations per call. Each read runs under the provider's own lifetime with a small time budget of
/// its own (the clients' retry budget can be 25 attempts); callers wait for a shared read with their own token, so one
/// caller's cancellation never cancels the read for the others. A read that fails is remembered as
/// <see cref="LookupStatus.Unavailable"/>, logged at debug, and never retried in the same process.
/// </summary>
internal sealed class CheckLookups : IDisposable
{
    /// <summary>A few attempts of a healthy API fit easily; a throttled or unreachable one gives up here.</summary>
    public static readonly TimeSpan DefaultBudget = TimeSpan.FromSeconds(8);

    private readonly CancellationTokenSource _lifetime = new();
    private readonly IamClient _iam;
    private readonly Func<string, EksClient> _eksFor;
    private readonly string? _account;
    private readonly TimeSpan _budget;
    private readonly ConcurrentDictionary<string, Lazy<Task<RoleLookup>>> _roles = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Region, string Cluster), Lazy<Task<ClusterLookup>>> _clusters = new();

    /// <param name="eksFor">EKS in a region.</param>
    /// <param name="account">The caller's account (from GetCallerIdentity); null when the provider skipped asking.</param>
    public CheckLookups(IamClient iam, Func<string, EksClient> eksFor, string? account, TimeSpan? budget = null)
    {
        _iam = iam;
        _eksFor = eksFor;
        _account = account;
        _budget = budget ?? DefaultBudget;
    }

    public Task<RoleLookup> RoleAsync(RoleArn arn, CancellationToken cancellationToken) =>
        _roles.GetOrAdd(arn.Value, _ => new Lazy<Task<RoleLookup>>(() => ReadRoleAsync(arn))).Value.WaitAsync(cancellationToken);

    public Task<ClusterLookup> ClusterAsync(string region, string cluster, CancellationToken cancellationToken) =>
        _clusters.GetOrAdd((region, cluster), key => new Lazy<Task<ClusterLookup>>(() => ReadClusterAsync(key.Region, key.Cluster)))
            .Value.WaitAsync(cancellationToken);

    /// <summary>The associations that already exist for a service account; null when the check could not tell.</summary>
    public async Task<IReadOnlyList<PodIdentityAssociationSummary>?> ExistingAsync(
        string region, string cluster, string ns, string serviceAccount, CancellationToken cancellationToken)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(_lifetime.Token, cancellationToken);
        budget.CancelAfter(_budget);
        try
        {
            var request = new ListPodIdentityAssociationsRequest(cluster) { Namespace = ns, ServiceAccount = serviceAccount };
            var found = new List<PodIdentityAssociationSummary>();
            await foreach (var a in _eksFor(region).ListAllPodIdentityAssociationsAsync(request, budget.Token).ConfigureAwait(false))
            {
                // EKS allows one per service account; the first answers the question.
                found.Add(a);
                break;
            }

            return found;
        }
        catch (Exception e) when (CannotTell(e) && !cancellationToken.IsCancellationRequested)
        {
            Log.Debug("pod identity association check skipped: could not list associations", ("cluster", cluster), ("error", e.Message));
            return null;
        }
    }

    public void Dispose()
    {
        _lifetime.Cancel();
        _lifetime.Dispose();
    }

    private async Task<RoleLookup> ReadRoleAsync(RoleArn arn)
    {
        // GetRole reads this account only: a role elsewhere (typically a chained target) is not ours to read.
        if (_account is not null && arn.Account != _account)
        {
            Log.Debug("trust check skipped: role is in another account", ("role_arn", arn.Value));
            return new RoleLookup(LookupStatus.Unavailable);
        }

        var role = await ReadAsync(ct => _iam.GetRoleAsync(arn.Name, ct), "role_arn", arn.Value).ConfigureAwait(false);
        switch (role.Status)
        {
            case LookupStatus.Missing:
                // Without knowing our account, "no such role here" says nothing about the ARN's account.
                return new RoleLookup(_account is null ? LookupStatus.Unavailable : LookupStatus.Missing);
            case LookupStatus.Unavailable:
                return new RoleLookup(LookupStatus.Unavailable);
        }

        if (!string.Equals(role.Value!.Arn, arn.Value, StringComparison.OrdinalIgnoreCase))
        {
            Log.Debug("trust check skipped: GetRole answered with another role", ("role_arn", arn.Value), ("found", role.Value.Arn));
            return new RoleLookup(LookupStatus.Unavailable);
        }

        var trust = TrustPolicy.Parse(role.Value.AssumeRolePolicyDocument);
        if (trust is null)
        {
            Log.Debug("trust check skipped: the trust policy could not be read", ("role_arn", arn.Value));
        }

        return new RoleLookup(trust is null ? LookupStatus.Unavailable : LookupStatus.Found, trust);
    }

    private async Task<ClusterLookup> ReadClusterAsync(string region, string cluster)
    {
        var found = await ReadAsync(ct => _eksFor(region).DescribeClusterAsync(cluster, ct), "cluster_name", cluster).ConfigureAwait(false);
        return new ClusterLookup(found.Status, found.Value?.Version, found.Value?.PlatformVersion);
    }

    private async Task<(LookupStatus Status, T? Value)> ReadAsync<T>(Func<CancellationToken, Task<T>> read, string key, string value)
        where T : class
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(_lifetime.Token);
        budget.CancelAfter(_budget);
        try
        {
            return (LookupStatus.Found, await read(budget.Token).ConfigureAwait(false));
        }
        catch (AwsApiException e) when (e.IsNotFound)
        {
            return (LookupStatus.Missing, null);
        }
        catch (Exception e) when (CannotTell(e))
        {
            Log.Debug("plan check skipped: AWS read failed", (key, value), ("error", e.Message));
            return (LookupStatus.Unavailable, null);
        }
    }

    // Failures of the check itself: they silence it rather than fail the plan. Bugs still surface.
    private static bool CannotTell(Exception e) =>
        e is AwsApiException or AwsCredentialsException or HttpRequestException or OperationCanceledException;
}
