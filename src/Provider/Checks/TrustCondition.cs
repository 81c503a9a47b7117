using System.Text.Json;

namespace PodIdentity.Provider.Checks;

/// <summary>
/// One operator/key pair of a statement's <c>Condition</c> block. The checks evaluate only <c>sts:ExternalId</c>
/// (with StringEquals, StringEqualsIgnoreCase or StringLike) and only once the association's external id is known;
/// every other condition is "cannot tell", which makes its statement count as "may apply".
/// </summary>
internal sealed record TrustCondition(string Operator, string Key, IReadOnlyList<string> Values)
{
    public const string ExternalIdKey = "sts:ExternalId";

    public bool IsExternalId => string.Equals(Key, ExternalIdKey, StringComparison.OrdinalIgnoreCase);

    public static IReadOnlyList<TrustCondition> Read(JsonElement block)
    {
        if (block.ValueKind != JsonValueKind.Object)
        {
            // A malformed block still conditions its statement: keep it as one that cannot be evaluated.
            return [new TrustCondition("?", "?", [])];
        }

        var list = new List<TrustCondition>();
        foreach (var op in block.EnumerateObject())
        {
            if (op.Value.ValueKind != JsonValueKind.Object)
            {
                list.Add(new TrustCondition(op.Name, "?", []));
                continue;
            }

            foreach (var key in op.Value.EnumerateObject())
            {
                list.Add(new TrustCondition(op.Name, key.Name, TrustStatement.Strings(op.Value, key.Name) ?? []));
            }
        }

        return list;
    }

    /// <summary>True or false when this condition can be decided for a request carrying <paramref name="externalId"/>
    /// (null: the id is not known yet); null when it cannot.</summary>
    public bool? Evaluate(string? externalId)
    {
        if (!IsExternalId || externalId is null)
        {
            return null;
        }

        return Operator switch
        {
            "StringEquals" => Values.Contains(externalId, StringComparer.Ordinal),
            "StringEqualsIgnoreCase" => Values.Contains(externalId, StringComparer.OrdinalIgnoreCase),
            "StringLike" => Values.Any(v => Wildcard.Matches(v, externalId, ignoreCase: false)),
            _ => null,
        };
    }

    /// <summary>All conditions together (they are ANDed): false as soon as one is false, null when any cannot be told.</summary>
    public static bool? EvaluateAll(IReadOnlyList<TrustCondition> conditions, string? externalId)
    {
        bool? result = true;
        foreach (var c in conditions)
        {
            switch (c.Evaluate(externalId))
            {
                case false:
                    return false;
                case null:
                    result = null;
                    break;
            }
        }

        return result;
    }
}
