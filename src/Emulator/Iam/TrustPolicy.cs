using System.Text.Json;
using System.Text.RegularExpressions;

namespace PodIdentity.Emulator.Iam;

/// <summary>Who asks to assume a role: one principal type (AWS, Service or Federated) and the values that name it.</summary>
/// <param name="Type">"AWS", "Service" or "Federated", as in a policy's Principal element.</param>
/// <param name="Names">Every value a policy may use for this principal (an assumed-role session is also its role).</param>
/// <param name="Account">The principal's account: "arn:aws:iam::ACCOUNT:root" or "ACCOUNT" names every AWS principal in it.</param>
internal sealed record TrustPrincipal(string Type, IReadOnlyList<string> Names, string? Account = null)
{
    public static TrustPrincipal Service(string name) => new("Service", [name]);

    public static TrustPrincipal Federated(string providerArn) => new("Federated", [providerArn]);
}

/// <summary>
/// Evaluates a role's trust policy (its resource policy for sts:* actions) with IAM's rules: an explicit Deny wins,
/// otherwise some Allow must match; Principal/NotPrincipal, Action/NotAction with * and ? wildcards, and the
/// string condition operators. A condition operator the emulator does not know never matches (fails closed).
/// </summary>
internal static class TrustPolicy
{
    public static bool Allows(string document, TrustPrincipal principal, string action,
        IReadOnlyDictionary<string, string> context)
    {
        JsonDocument parsed;
        try
        {
            parsed = JsonDocument.Parse(document);
        }
        catch (JsonException)
        {
            return false;
        }
        using (parsed)
        {
            if (parsed.RootElement.ValueKind != JsonValueKind.Object
                || !parsed.RootElement.TryGetProperty("Statement", out var statements))
            {
                return false;
            }
            var allowed = false;
            foreach (var statement in statements.ValueKind == JsonValueKind.Array ? statements.EnumerateArray() : Single(statements))
            {
                if (statement.ValueKind != JsonValueKind.Object || !Applies(statement, principal, action, context))
                {
                    continue;
                }
                var effect = statement.TryGetProperty("Effect", out var e) ? e.GetString() : null;
                if (effect == "Deny")
                {
                    return false;
                }
                allowed |= effect == "Allow";
            }
            return allowed;
        }
    }

    private static IEnumerable<JsonElement> Single(JsonElement e)
    {
        yield return e;
    }

    private static bool Applies(JsonElement statement, TrustPrincipal principal, string action,
        IReadOnlyDictionary<string, string> context)
    {
        bool principalMatch;
        if (statement.TryGetProperty("Principal", out var p))
        {
            principalMatch = PrincipalMatches(p, principal);
        }
        else if (statement.TryGetProperty("NotPrincipal", out var np))
        {
            principalMatch = !PrincipalMatches(np, principal);
        }
        else
        {
            return false;
        }
        bool actionMatch;
        if (statement.TryGetProperty("Action", out var a))
        {
            actionMatch = Strings(a).Any(pattern => Wildcard(pattern, action, ignoreCase: true));
        }
        else if (statement.TryGetProperty("NotAction", out var na))
        {
            actionMatch = !Strings(na).Any(pattern => Wildcard(pattern, action, ignoreCase: true));
        }
        else
        {
            return false;
        }
        return principalMatch && actionMatch
            && (!statement.TryGetProperty("Condition", out var condition) || ConditionsHold(condition, context));
    }

    private static bool PrincipalMatches(JsonElement element, TrustPrincipal principal)
    {
        if (element.ValueKind == JsonValueKind.String)
        {
            return element.GetString() == "*";
        }
        if (element.ValueKind != JsonValueKind.Object)
        {
            return false;
        }
        foreach (var entry in element.EnumerateObject())
        {
            if (entry.Name != principal.Type)
            {
                continue;
            }
            foreach (var value in Strings(entry.Value))
            {
                if (value == "*" || principal.Names.Contains(value, StringComparer.Ordinal)
                    || (principal.Account is { } account && (value == account || value == $"arn:aws:iam::{account}:root")))
                {
                    return true;
                }
            }
        }
        return false;
    }

    /// <summary>Every operator block must hold; within one, every key; a key holds when any policy value matches.</summary>
    private static bool ConditionsHold(JsonElement condition, IReadOnlyDictionary<string, string> context)
    {
        if (condition.ValueKind != JsonValueKind.Object)
        {
            return false;
        }
        foreach (var block in condition.EnumerateObject())
        {
            var op = block.Name;
            var ifExists = op.EndsWith("IfExists", StringComparison.Ordinal);
            if (ifExists)
            {
                op = op[..^"IfExists".Length];
            }
            if (block.Value.ValueKind != JsonValueKind.Object)
            {
                return false;
            }
            foreach (var key in block.Value.EnumerateObject())
            {
                var actual = context.FirstOrDefault(kv => string.Equals(kv.Key, key.Name, StringComparison.OrdinalIgnoreCase)).Value;
                var expected = Strings(key.Value).ToList();
                bool holds = op switch
                {
                    "StringEquals" => actual is not null && expected.Contains(actual, StringComparer.Ordinal),
                    "StringEqualsIgnoreCase" => actual is not null && expected.Contains(actual, StringComparer.OrdinalIgnoreCase),
                    "StringLike" => actual is not null && expected.Any(e => Wildcard(e, actual, ignoreCase: false)),
                    // Negated operators hold when the key is absent, as in IAM.
                    "StringNotEquals" => actual is null || !expected.Contains(actual, StringComparer.Ordinal),
                    "StringNotEqualsIgnoreCase" => actual is null || !expected.Contains(actual, StringComparer.OrdinalIgnoreCase),
                    "StringNotLike" => actual is null || !expected.Any(e => Wildcard(e, actual, ignoreCase: false)),
                    "Null" => expected.Any(e => e == "true") == (actual is null),
                    _ => false,
                };
                if (!holds && !(ifExists && actual is null))
                {
                    return false;
                }
            }
        }
        return true;
    }

    private static IEnumerable<string> Strings(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => [e.GetString()!],
        JsonValueKind.Array => e.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!),
        JsonValueKind.True => ["true"],
        JsonValueKind.False => ["false"],
        _ => [],
    };

    private static bool Wildcard(string pattern, string value, bool ignoreCase)
    {
        var regex = "^" + Regex.Escape(pattern).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$";
        return Regex.IsMatch(value, regex, (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None) | RegexOptions.Singleline | RegexOptions.CultureInvariant);
    }
}
