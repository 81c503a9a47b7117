using System.Text.Json;

namespace PodIdentity.Provider.Checks;

/// <summary>What a trust policy says about one principal calling one action.</summary>
internal enum TrustDecision
{
    /// <summary>No statement allows it (IAM's implicit deny).</summary>
    NotAllowed,

    /// <summary>Only statements whose conditions (or account delegation) the provider cannot evaluate allow it.</summary>
    MayAllow,

    Allowed,

    /// <summary>An unconditional Deny matches: it wins over every Allow.</summary>
    Denied,
}

/// <param name="Uncertain">Why statements counted only as "may" (for the debug log).</param>
/// <param name="ExternalIdsRequired">The sts:ExternalId values of Allow statements that would have applied but for
/// a different external id.</param>
internal sealed record TrustResult(TrustDecision Decision, IReadOnlyList<string> Uncertain, IReadOnlyList<string> ExternalIdsRequired)
{
    /// <summary>Allowed, or possibly allowed: either way nothing to report.</summary>
    public bool MayPass => Decision is TrustDecision.Allowed or TrustDecision.MayAllow;
}

/// <summary>
/// A role's trust policy evaluated with IAM's rules for one request: statements that match the principal and the
/// action decide; an unconditional Deny wins; an Allow whose condition cannot be evaluated only "may allow"; a Deny
/// whose condition cannot be evaluated is left out (it could only ever turn a finding into a false one).
/// </summary>
internal sealed class TrustPolicy
{
    private TrustPolicy(IReadOnlyList<TrustStatement> statements) => Statements = statements;

    public IReadOnlyList<TrustStatement> Statements { get; }

    /// <summary>Null when the document is not a JSON object (the check then says nothing).</summary>
    public static TrustPolicy? Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("Statement", out var s))
            {
                return null;
            }

            var statements = s.ValueKind == JsonValueKind.Array ? s.EnumerateArray().Select(TrustStatement.Read)
                : s.ValueKind == JsonValueKind.Object ? [TrustStatement.Read(s)]
                : [];
            return new TrustPolicy([.. statements.OfType<TrustStatement>()]);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <param name="externalId">The sts:ExternalId the request carries; null when not known yet.</param>
    public TrustResult Evaluate(TrustPrincipal principal, string action, string? externalId = null)
    {
        bool allowed = false, may = false, denied = false;
        var uncertain = new List<string>();
        var externalIds = new List<string>();
        for (var i = 0; i < Statements.Count; i++)
        {
            var st = Statements[i];
            var match = st.Matches(principal);
            if (match == PrincipalMatch.No || !st.Covers(action))
            {
                continue;
            }

            var condition = TrustCondition.EvaluateAll(st.Conditions, externalId);
            if (condition == false)
            {
                if (st.IsAllow && st.Conditions.Where(c => c.Evaluate(externalId) == false).All(c => c.IsExternalId))
                {
                    externalIds.AddRange(st.Conditions.Where(c => c.IsExternalId).SelectMany(c => c.Values));
                }

                continue;
            }

            if (match == PrincipalMatch.Yes && condition == true)
            {
                denied |= !st.IsAllow;
                allowed |= st.IsAllow;
                continue;
            }

            may |= st.IsAllow;
            uncertain.Add($"statement {st.Sid ?? (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)} ({(st.IsAllow ? "Allow" : "Deny")}) "
                + (match == PrincipalMatch.Delegated ? "trusts the whole account, so the principal's own policies decide"
                    : "has a condition the provider cannot evaluate: " + string.Join(", ", st.Conditions.Where(c => c.Evaluate(externalId) is null).Select(c => $"{c.Operator} {c.Key}"))));
        }

        var decision = denied ? TrustDecision.Denied : allowed ? TrustDecision.Allowed : may ? TrustDecision.MayAllow : TrustDecision.NotAllowed;
        return new TrustResult(decision, uncertain, externalIds.Distinct(StringComparer.Ordinal).ToList());
    }

    /// <summary>The OIDC providers an Allow statement trusts for sts:AssumeRoleWithWebIdentity (an IRSA role's trust).</summary>
    public IReadOnlyList<string> TrustedOidcProviders() =>
        Statements
            .Where(s => s.IsAllow && s.Covers("sts:AssumeRoleWithWebIdentity"))
            .SelectMany(s => s.PrincipalsOf("Federated"))
            .Where(p => p.Contains(":oidc-provider/", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .ToList();
}
