using System.Text.Json;

namespace PodIdentity.Provider.Shared;

/// <summary>
/// Session policy JSON compared by meaning, as IAM reads it: whitespace, member order and array order do not
/// matter, and a one-element array equals its single value (<c>"Action": "s3:GetObject"</c> is
/// <c>["s3:GetObject"]</c>). Reformatting a policy is therefore never a change.
/// </summary>
internal static class PolicyDocument
{
    /// <summary>Why <paramref name="json"/> is not a JSON object, or null when it is one.</summary>
    public static string? Problem(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.ValueKind == JsonValueKind.Object ? null : $"the document is a JSON {Kind(doc.RootElement.ValueKind)}, not an object.";
        }
        catch (JsonException e)
        {
            return "the document is not valid JSON (" + e.Message + ").";
        }
    }

    public static bool Equivalent(string? a, string? b)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }

        if (string.Equals(a, b, StringComparison.Ordinal))
        {
            return true;
        }

        try
        {
            using var left = JsonDocument.Parse(a);
            using var right = JsonDocument.Parse(b);
            return Same(left.RootElement, right.RootElement);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool Same(JsonElement a, JsonElement b)
    {
        // A single value and a one-element array mean the same thing in IAM policy grammar.
        if (a.ValueKind == JsonValueKind.Array && b.ValueKind != JsonValueKind.Array && a.GetArrayLength() == 1)
        {
            return Same(a[0], b);
        }

        if (b.ValueKind == JsonValueKind.Array && a.ValueKind != JsonValueKind.Array && b.GetArrayLength() == 1)
        {
            return Same(a, b[0]);
        }

        if (a.ValueKind != b.ValueKind)
        {
            return false;
        }

        return a.ValueKind switch
        {
            JsonValueKind.Object => SameObject(a, b),
            JsonValueKind.Array => SameMultiset(a, b),
            JsonValueKind.String => a.GetString() == b.GetString(),
            JsonValueKind.Number => a.TryGetDecimal(out var x) && b.TryGetDecimal(out var y) ? x == y : a.GetRawText() == b.GetRawText(),
            _ => true,
        };
    }

    private static bool SameObject(JsonElement a, JsonElement b)
    {
        var right = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var p in b.EnumerateObject())
        {
            right[p.Name] = p.Value;
        }

        var count = 0;
        foreach (var p in a.EnumerateObject())
        {
            count++;
            if (!right.TryGetValue(p.Name, out var other) || !Same(p.Value, other))
            {
                return false;
            }
        }

        return count == right.Count;
    }

    // Statement, Action and Resource lists are unordered in IAM: match elements one to one in any order.
    private static bool SameMultiset(JsonElement a, JsonElement b)
    {
        if (a.GetArrayLength() != b.GetArrayLength())
        {
            return false;
        }

        var unmatched = b.EnumerateArray().ToList();
        foreach (var item in a.EnumerateArray())
        {
            var index = unmatched.FindIndex(candidate => Same(item, candidate));
            if (index < 0)
            {
                return false;
            }

            unmatched.RemoveAt(index);
        }

        return true;
    }

    private static string Kind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };
}
