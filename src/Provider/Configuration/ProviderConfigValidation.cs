using PodIdentity.Aws.Clients;
using PodIdentity.Plugin.Framework;
using PodIdentity.Plugin.Values;

namespace PodIdentity.Provider.Configuration;

/// <summary>
/// ValidateProviderConfig: settings that cannot work, reported on the attribute that is wrong. Unknown values are
/// skipped (they are checked again at configure). The rules for single values live in Aws.Clients
/// (<see cref="AwsProviderConfig.Validate"/>); this class asks them one value at a time so each answer maps to
/// exactly one path, and adds the cross-attribute rules that need to know what is unknown.
/// Settings that depend on the environment (a missing region, credentials) are left to configure.
/// </summary>
internal static class ProviderConfigValidation
{
    // A valid baseline, so a probe reports only on the one value under test.
    private static readonly AwsProviderConfig Baseline = new() { Region = "us-east-1" };
    private const string ProbeRoleArn = "arn:aws:iam::123456789012:role/probe";

    public static void Validate(CtyValue config, Diagnostics diagnostics)
    {
        if (config.IsNull || !config.IsKnown)
        {
            return;
        }

        var root = AttributePath.Root;
        var skipRegion = config.GetAttribute("skip_region_validation");
        if (Known(config, "region") is { } region && skipRegion.IsKnown && !(!skipRegion.IsNull && skipRegion.AsBool()))
        {
            Probe(diagnostics, Baseline with { Region = region.AsString() }, "region", root.Attribute("region"));
        }

        CheckUrl(diagnostics, config, "http_proxy", root.Attribute("http_proxy"), v => Baseline with { HttpProxy = v });
        CheckUrl(diagnostics, config, "https_proxy", root.Attribute("https_proxy"), v => Baseline with { HttpsProxy = v });

        if (Known(config, "retry_mode") is { } retryMode)
        {
            Probe(diagnostics, Baseline with { RetryMode = retryMode.AsString() }, "retry_mode", root.Attribute("retry_mode"));
        }

        CheckMaxRetries(config, diagnostics);
        CheckCredentials(config, diagnostics);
        CheckAccountLists(config, diagnostics);
        CheckEndpoints(config, diagnostics);
        CheckAssumeRole(config, diagnostics);
        CheckWebIdentity(config, diagnostics);
    }

    private static void CheckMaxRetries(CtyValue config, Diagnostics diagnostics)
    {
        if (Known(config, "max_retries") is not { } value)
        {
            return;
        }

        var path = AttributePath.Root.Attribute("max_retries");
        var n = value.AsNumber();
        if (!n.IsInteger || !n.TryGetInt64(out var retries) || retries > int.MaxValue)
        {
            diagnostics.AddError("Invalid max_retries", $"max_retries must be a whole number of retries, got {n}.", path);
            return;
        }

        Probe(diagnostics, Baseline with { MaxRetries = (int)Math.Max(retries, int.MinValue) }, "max_retries", path);
    }

    private static void CheckCredentials(CtyValue config, Diagnostics diagnostics)
    {
        var access = config.GetAttribute("access_key");
        var secret = config.GetAttribute("secret_key");
        var profile = config.GetAttribute("profile");
        if (!access.IsKnown || !secret.IsKnown)
        {
            return;
        }

        var hasAccess = IsSet(access);
        var hasSecret = IsSet(secret);
        if (hasAccess != hasSecret)
        {
            var missing = hasAccess ? "secret_key" : "access_key";
            var present = hasAccess ? "access_key" : "secret_key";
            diagnostics.AddError(
                "Incomplete static credentials",
                $"{present} is set but {missing} is not. Static credentials need both (or neither, to use the "
                + "environment, a profile or another credential source).",
                AttributePath.Root.Attribute(missing));
        }

        if ((hasAccess || hasSecret) && profile.IsKnown && IsSet(profile))
        {
            diagnostics.AddError(
                "Conflicting credential settings",
                "profile cannot be combined with access_key/secret_key: choose static keys or a shared config profile.",
                AttributePath.Root.Attribute("profile"));
        }
    }

    private static void CheckAccountLists(CtyValue config, Diagnostics diagnostics)
    {
        var allowed = config.GetAttribute("allowed_account_ids");
        var forbidden = config.GetAttribute("forbidden_account_ids");
        if (allowed.IsKnown && forbidden.IsKnown && IsSet(allowed) && IsSet(forbidden))
        {
            diagnostics.AddError(
                "Conflicting account lists",
                "Only one of allowed_account_ids and forbidden_account_ids can be set.",
                AttributePath.Root.Attribute("forbidden_account_ids"));
        }

        foreach (var name in new[] { "allowed_account_ids", "forbidden_account_ids" })
        {
            var list = config.GetAttribute(name);
            if (!list.IsKnown || list.IsNull)
            {
                continue;
            }

            foreach (var id in list.Elements)
            {
                if (id.IsKnown && !id.IsNull && !IsAccountId(id.AsString()))
                {
                    diagnostics.AddError(
                        "Invalid account id",
                        $"\"{id.AsString()}\" in {name} is not an AWS account id (12 digits).",
                        AttributePath.Root.Attribute(name));
                }
            }
        }
    }

    private static void CheckEndpoints(CtyValue config, Diagnostics diagnostics)
    {
        if (ProviderSettings.FirstBlock(config, "endpoints") is not { } block)
        {
            return;
        }

        var at = AttributePath.Root.Attribute("endpoints").Index(0);
        CheckUrl(diagnostics, block, "eks", at.Attribute("eks"), v => Baseline with { Endpoints = new EndpointsConfig { Eks = v } }, "endpoints.0.eks");
        CheckUrl(diagnostics, block, "iam", at.Attribute("iam"), v => Baseline with { Endpoints = new EndpointsConfig { Iam = v } }, "endpoints.0.iam");
        CheckUrl(diagnostics, block, "sts", at.Attribute("sts"), v => Baseline with { Endpoints = new EndpointsConfig { Sts = v } }, "endpoints.0.sts");
    }

    private static void CheckAssumeRole(CtyValue config, Diagnostics diagnostics)
    {
        if (ProviderSettings.FirstBlock(config, "assume_role") is not { } block || Known(block, "duration") is not { } duration)
        {
            return;
        }

        Probe(
            diagnostics,
            Baseline with { AssumeRole = new AssumeRoleConfig { RoleArn = ProbeRoleArn, Duration = duration.AsString() } },
            "assume_role.0.duration",
            AttributePath.Root.Attribute("assume_role").Index(0).Attribute("duration"));
    }

    private static void CheckWebIdentity(CtyValue config, Diagnostics diagnostics)
    {
        if (ProviderSettings.FirstBlock(config, "assume_role_with_web_identity") is not { } block)
        {
            return;
        }

        var at = AttributePath.Root.Attribute("assume_role_with_web_identity").Index(0);
        if (Known(block, "duration") is { } duration)
        {
            Probe(
                diagnostics,
                Baseline with
                {
                    AssumeRoleWithWebIdentity = new AssumeRoleWithWebIdentityConfig
                    {
                        RoleArn = ProbeRoleArn,
                        WebIdentityToken = "probe",
                        Duration = duration.AsString(),
                    },
                },
                "assume_role_with_web_identity.0.duration",
                at.Attribute("duration"));
        }

        if (Known(block, "web_identity_token") is not null && Known(block, "web_identity_token_file") is not null)
        {
            diagnostics.AddError(
                "Conflicting web identity token",
                "Set only one of web_identity_token and web_identity_token_file.",
                at.Attribute("web_identity_token_file"));
        }
    }

    private static void CheckUrl(
        Diagnostics diagnostics, CtyValue obj, string name, AttributePath path, Func<string, AwsProviderConfig> probe, string? attribute = null)
    {
        if (Known(obj, name) is { } value && value.AsString().Length > 0)
        {
            Probe(diagnostics, probe(value.AsString()), attribute ?? name, path);
        }
    }

    /// <summary>Asks Aws.Clients about one value; its problem for <paramref name="attribute"/> lands on <paramref name="path"/>.</summary>
    private static void Probe(Diagnostics diagnostics, AwsProviderConfig probe, string attribute, AttributePath path)
    {
        foreach (var problem in probe.Validate())
        {
            if (problem.Attribute == attribute)
            {
                diagnostics.AddError(problem.Summary, $"{path}: {problem.Detail}", path);
            }
        }
    }

    /// <summary>The attribute when it is known and not null.</summary>
    private static CtyValue? Known(CtyValue obj, string name)
    {
        var v = obj.GetAttribute(name);
        return v.IsKnown && !v.IsNull ? v : null;
    }

    // An empty string or an empty list counts as unset, as in the official provider.
    private static bool IsSet(CtyValue v) =>
        !v.IsNull && (v.Type.Equals(CtyType.String) ? v.AsString().Length > 0 : v.Type is not (ListType or SetType) || v.Count > 0);

    private static bool IsAccountId(string s) => s.Length == 12 && s.All(char.IsAsciiDigit);
}
