using System.Security.Cryptography;
using PodIdentity.Aws.Clients;
using PodIdentity.Plugin.Framework;
using PodIdentity.Plugin.Logging;
using PodIdentity.Plugin.Values;
using PodIdentity.Provider.Shared;

namespace PodIdentity.Provider.Configuration;

/// <summary>
/// ConfigureProvider: provider block + environment + shared config -> AWS clients, one STS GetCallerIdentity to
/// prove the credentials and learn the account, the account allow/deny lists, and the resources' context.
/// </summary>
internal static class ProviderConfigure
{
    public static async Task RunAsync(
        ProviderConfigureRequest request,
        ProviderConfigureResponse response,
        IReadOnlyDictionary<string, string> environment,
        AwsClientOptions? baseOptions,
        CancellationToken cancellationToken)
    {
        var diagnostics = response.Diagnostics;
        var settings = ProviderSettings.Read(request.Config);
        var resolved = AwsConfigResolver.Resolve(settings.Aws, environment);

        foreach (var problem in resolved.Validate())
        {
            var path = ConfigPaths.Parse(problem.Attribute);
            diagnostics.AddError(problem.Summary, $"{path}: {problem.Detail}", path);
        }

        if (diagnostics.HasErrors)
        {
            return;
        }

        var options = (baseOptions ?? new AwsClientOptions()) with
        {
            Environment = environment,
            UserAgentSuffix = string.IsNullOrEmpty(request.TerraformVersion) ? null : "Terraform/" + request.TerraformVersion,
            OnCall = AwsLogging.OnCall,
            Log = AwsLogging.OnEvent,
        };

        AwsClients clients;
        try
        {
            clients = AwsClients.Create(resolved, options);
        }
        catch (Exception ex) when (ex is CryptographicException or IOException && resolved.CustomCaBundle is not null)
        {
            // The only file the clients read while being built is the CA bundle.
            diagnostics.AddError("Cannot read custom_ca_bundle", $"\"{resolved.CustomCaBundle}\": {ex.Message}",
                AttributePath.Root.Attribute("custom_ca_bundle"));
            return;
        }

        try
        {
            var profileInBlock = settings.Aws.Profile is not null;
            var (accountId, callerPartition) = await AccountIdAsync(clients, resolved, profileInBlock, diagnostics, cancellationToken).ConfigureAwait(false);
            if (diagnostics.HasErrors)
            {
                clients.Dispose();
                return;
            }

            var tags = TagEnvironment.Build(settings.DefaultTags, settings.IgnoreKeys, settings.IgnoreKeyPrefixes, environment);
            response.ProviderData = AwsProviderContext.Create(
                clients, options, tags, accountId, settings.SkipPodIdentityAgentCheck, settings.AssociationChecks, callerPartition);
            LogSummary(clients, accountId, tags, settings);
        }
        catch
        {
            clients.Dispose();
            throw;
        }
    }

    /// <summary>One GetCallerIdentity (unless skipped): the account (null when not requested or not learned) and the
    /// partition of the caller's ARN (null when not learned).</summary>
    private static async Task<(string? Account, string? Partition)> AccountIdAsync(
        AwsClients clients, AwsProviderConfig config, bool profileInBlock, Diagnostics diagnostics, CancellationToken cancellationToken)
    {
        var allowed = config.AllowedAccountIds is { Count: > 0 } a ? a : null;
        var forbidden = config.ForbiddenAccountIds is { Count: > 0 } f ? f : null;
        var skipValidation = config.SkipCredentialsValidation == true;
        var skipAccount = config.SkipRequestingAccountId == true;
        if (skipValidation && skipAccount && allowed is null && forbidden is null)
        {
            return (null, null);
        }

        string? account;
        string? partition;
        try
        {
            var caller = await clients.Sts.GetCallerIdentityAsync(cancellationToken).ConfigureAwait(false);
            account = caller.Account;
            partition = caller.Arn?.Split(':') is ["arn", { Length: > 0 } p, ..] ? p : null;
        }
        catch (Exception ex) when (ex is AwsApiException or AwsCredentialsException or HttpRequestException
                                   || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            var (summary, detail, path) = Describe(ex, clients, profileInBlock);
            // With skip_credentials_validation a failed lookup only costs the account id, unless a list needs it.
            if (skipValidation && allowed is null && forbidden is null)
            {
                diagnostics.AddWarning(summary, detail + " The account id is unknown (skip_credentials_validation is set).", path);
            }
            else
            {
                diagnostics.AddError(summary, detail, path);
            }

            return (null, null);
        }

        if (allowed is not null && (account is null || !allowed.Contains(account, StringComparer.Ordinal)))
        {
            diagnostics.AddError(
                "AWS account not allowed",
                $"The credentials belong to AWS account {account ?? "(unknown)"}, which is not in allowed_account_ids "
                + $"({string.Join(", ", allowed)}). Use credentials for an allowed account or change allowed_account_ids.",
                AttributePath.Root.Attribute("allowed_account_ids"));
        }

        if (forbidden is not null && account is not null && forbidden.Contains(account, StringComparer.Ordinal))
        {
            diagnostics.AddError(
                "AWS account forbidden",
                $"The credentials belong to AWS account {account}, which is listed in forbidden_account_ids.",
                AttributePath.Root.Attribute("forbidden_account_ids"));
        }

        return (skipAccount ? null : account, partition);
    }

    private static (string Summary, string Detail, AttributePath? Path) Describe(Exception ex, AwsClients clients, bool profileInBlock) => ex switch
    {
        AwsApiException api => (
            "Validating provider credentials failed",
            $"{api.Service} {api.Operation} returned {api.ErrorCode}: {api.ErrorMessage ?? "(no message)"} "
            + $"(HTTP {api.HttpStatus}, request id {api.RequestId ?? "(none)"}).",
            // A failed role assumption is the role's fault, not the credentials'.
            api.Operation switch
            {
                "AssumeRole" => AttributePath.Root.Attribute("assume_role").Index(0).Attribute("role_arn"),
                "AssumeRoleWithWebIdentity" => AttributePath.Root.Attribute("assume_role_with_web_identity").Index(0).Attribute("role_arn"),
                _ => null,
            }),
        AwsCredentialsException cred => (
            "No valid credential sources found",
            $"{cred.Message} Set access_key/secret_key, a profile, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or another "
            + "credential source.",
            profileInBlock ? AttributePath.Root.Attribute("profile") : null),
        _ => (
            "Cannot reach AWS STS",
            $"The STS endpoint {clients.Sts.Endpoint.BaseUri} did not answer GetCallerIdentity. {ex.Message}",
            null),
    };

    private static void LogSummary(AwsClients clients, string? accountId, TagPolicy tags, ProviderSettings settings)
    {
        if (!Log.IsEnabled(LogLevel.Debug))
        {
            return;
        }

        var c = clients.Config;
        Log.Debug(
            "AWS provider configured",
            ("region", c.Region),
            ("partition", clients.Partition.Id),
            ("account_id", accountId),
            ("profile", c.Profile),
            ("assume_role_arn", c.AssumeRole?.RoleArn),
            ("web_identity_role_arn", c.AssumeRoleWithWebIdentity?.RoleArn),
            ("endpoint_eks", clients.Eks.Endpoint.BaseUri.ToString()),
            ("endpoint_iam", clients.Iam.Endpoint.BaseUri.ToString()),
            ("endpoint_sts", clients.Sts.Endpoint.BaseUri.ToString()),
            ("endpoints_overridden", string.Join(",", Overridden(c.Endpoints))),
            ("max_retries", c.MaxRetries),
            ("retry_mode", c.RetryMode),
            ("default_tag_keys", string.Join(",", tags.DefaultTags.Keys)),
            ("ignore_tag_keys", string.Join(",", tags.IgnoreKeys)),
            ("ignore_tag_key_prefixes", string.Join(",", tags.IgnoreKeyPrefixes)),
            ("skip_pod_identity_agent_check", settings.SkipPodIdentityAgentCheck),
            ("skip_pod_identity_trust_check", settings.AssociationChecks.SkipTrustCheck),
            ("strict_pod_identity_trust_check", settings.AssociationChecks.TrustFindingsAsErrors));
    }

    private static IEnumerable<string> Overridden(EndpointsConfig? endpoints)
    {
        if (endpoints?.Eks is not null)
        {
            yield return "eks";
        }

        if (endpoints?.Iam is not null)
        {
            yield return "iam";
        }

        if (endpoints?.Sts is not null)
        {
            yield return "sts";
        }
    }
}
