using System.Text.Json;

namespace PodIdentity.Provider.Checks;

/// <summary>Who asks to assume a role: a service principal, or an AWS principal such as another role's ARN.</summary>
internal sealed record TrustPrincipal(string Kind, string Id)
{
    public const string PodIdentityService = "pods.eks.amazonaws.com";

    public static TrustPrincipal Service(string name) => new("Service", name);

    public static TrustPrincipal Aws(string arn) => new("AWS", arn);
}

/// <summary>How a statement's Principal or NotPrincipal relates to one principal.</summary>
internal enum PrincipalMatch
{
    No,
    Yes,

    /// <summary>The statement names the principal's account (root or bare id): IAM then leaves the decision to
    /// the principal's own identity policies, which the checks do not read.</summary>
    Delegated,
}

/// <summary>
/// One statement of a trust policy, read the way IAM reads it: <c>Principal</c> or <c>NotPrincipal</c> (a string or
/// a map of lists: <c>"*"</c>, <c>AWS</c>, <c>Service</c>, <c>Federated</c>), <c>Action</c> or <c>NotAction</c> with
/// <c>*</c>/<c>?</c> wildcards, and the raw <c>Condition</c> block (evaluated by <see cref="TrustConditions"/>).
/// </summary>
internal sealed class TrustStatement
{
    private TrustStatement(bool allow, PrincipalSet? principal, PrincipalSet? notPrincipal, string[]? actions, string[]? notActions,
        IReadOnlyList<TrustCondition> conditions, string? sid)
    {
        IsAllow = allow;
        Principal = principal;
        NotPrincipal = notPrincipal;
        Actions = actions;
        NotActions = notActions;
        Conditions = conditions;
        Sid = sid;
    }

    public bool IsAllow { get; }

    public string? Sid { get; }

    public IReadOnlyList<TrustCondition> Conditions { get; }

    private PrincipalSet? Principal { get; }

    private PrincipalSet? NotPrincipal { get; }

    private string[]? Actions { get; }

    private string[]? NotActions { get; }

    /// <summary>The values of one principal kind (for example every <c>Federated</c> entry) in <c>Principal</c>.</summary>
    public IEnumerable<string> PrincipalsOf(string kind) =>
        Principal?.Entries.Where(e => string.Equals(e.Kind, kind, StringComparison.OrdinalIgnoreCase)).Select(e => e.Id) ?? [];

    public PrincipalMatch Matches(TrustPrincipal principal)
    {
        if (Principal is not null)
        {
            return Principal.Match(principal);
        }

        // NotPrincipal applies to everyone it does not name; a principal it names through its account is treated as
        // named, so an unreadable case never becomes a finding.
        return NotPrincipal is not null && NotPrincipal.Match(principal) == PrincipalMatch.No ? PrincipalMatch.Yes : PrincipalMatch.No;
    }

    public bool Covers(string action) =>
        Actions is not null ? Actions.Any(p => Wildcard.Matches(p, action))
        : NotActions is not null && !NotActions.Any(p => Wildcard.Matches(p, action));

    /// <summary>Null when the element is not a statement IAM would accept (it then plays no part).</summary>
    public static TrustStatement? Read(JsonElement s)
    {
        if (s.ValueKind != JsonValueKind.Object || Text(s, "Effect") is not { } effect)
        {
            return null;
        }

        var allow = string.Equals(effect, "Allow", StringComparison.OrdinalIgnoreCase);
        if (!allow && !string.Equals(effect, "Deny", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var conditions = s.TryGetProperty("Condition", out var c) ? TrustCondition.Read(c) : [];
        return new TrustStatement(allow, PrincipalSet.Read(s, "Principal"), PrincipalSet.Read(s, "NotPrincipal"),
            Strings(s, "Action"), Strings(s, "NotAction"), conditions, Text(s, "Sid"));
    }

    /// <summary>A string or a list of strings; null when absent.</summary>
    internal static string[]? Strings(JsonElement parent, string name) =>
        !parent.TryGetProperty(name, out var v) ? null
        : v.ValueKind == JsonValueKind.String ? [v.GetString()!]
        : v.ValueKind == JsonValueKind.Array ? [.. v.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)]
        : [];

    private static string? Text(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private sealed record PrincipalEntry(string Kind, string Id);

    private sealed class PrincipalSet(bool everyone, IReadOnlyList<PrincipalEntry> entries)
    {
        public IReadOnlyList<PrincipalEntry> Entries => entries;

        public static PrincipalSet? Read(JsonElement statement, string name)
        {
            if (!statement.TryGetProperty(name, out var p))
            {
                return null;
            }

            if (p.ValueKind == JsonValueKind.String)
            {
                return new PrincipalSet(p.GetString() == "*", []);
            }

            var entries = new List<PrincipalEntry>();
            if (p.ValueKind == JsonValueKind.Object)
            {
                foreach (var kind in p.EnumerateObject())
                {
                    entries.AddRange((Strings(p, kind.Name) ?? []).Select(id => new PrincipalEntry(kind.Name, id)));
                }
            }

            // {"AWS": "*"} means everyone, as "*" does.
            return new PrincipalSet(entries.Any(e => e.Id == "*" && string.Equals(e.Kind, "AWS", StringComparison.OrdinalIgnoreCase)), entries);
        }

        public PrincipalMatch Match(TrustPrincipal principal)
        {
            if (everyone)
            {
                return PrincipalMatch.Yes;
            }

            var result = PrincipalMatch.No;
            foreach (var e in entries.Where(e => string.Equals(e.Kind, principal.Kind, StringComparison.OrdinalIgnoreCase)))
            {
                if (string.Equals(e.Id, principal.Id, StringComparison.OrdinalIgnoreCase))
                {
                    return PrincipalMatch.Yes;
                }

                if (principal.Kind == "AWS" && NamesAccountOf(e.Id, principal.Id))
                {
                    result = PrincipalMatch.Delegated;
                }
            }

            return result;
        }

        // "123456789012" or "arn:aws:iam::123456789012:root" for a principal ARN in that account.
        private static bool NamesAccountOf(string entry, string principalArn)
        {
            var account = RoleArn.Parse(principalArn)?.Account;
            if (account is null)
            {
                return false;
            }

            return entry == account
                || (entry.StartsWith("arn:", StringComparison.Ordinal) && entry.EndsWith($":iam::{account}:root", StringComparison.Ordinal));
        }
    }
}

/// <summary>IAM's wildcard match: <c>*</c> any run, <c>?</c> one character; actions compare case-insensitively,
/// StringLike conditions case-sensitively.</summary>
internal static class Wildcard
{
    public static bool Matches(string pattern, string value, bool ignoreCase = true)
    {
        int p = 0, v = 0, star = -1, mark = 0;
        while (v < value.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || Same(pattern[p], value[v], ignoreCase)))
            {
                p++;
                v++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = v;
            }
            else if (star >= 0)
            {
                p = star + 1;
                v = ++mark;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    private static bool Same(char a, char b, bool ignoreCase) =>
        a == b || (ignoreCase && char.ToLowerInvariant(a) == char.ToLowerInvariant(b));
}
