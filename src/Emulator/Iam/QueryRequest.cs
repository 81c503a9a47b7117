using System.Text;
using PodIdentity.Emulator.Protocol;

namespace PodIdentity.Emulator.Iam;

/// <summary>A query-protocol request: form fields from the body (POST) or the query string, e.g. Tags.member.1.Key.</summary>
internal sealed class QueryRequest(IReadOnlyDictionary<string, string> fields)
{
    public string? Action => Get("Action");

    public string? Get(string name) => fields.TryGetValue(name, out var value) ? value : null;

    public string Required(string name) =>
        Get(name) ?? throw new AwsError("ValidationError", 400,
            $"1 validation error detected: Value null at '{char.ToLowerInvariant(name[0])}{name[1..]}' failed to satisfy constraint: Member must not be null");

    public int? Int(string name)
    {
        var raw = Get(name);
        if (raw is null)
        {
            return null;
        }
        return int.TryParse(raw, out var n) ? n
            : throw new AwsError("ValidationError", 400, $"Value '{raw}' for {name} is not a valid integer");
    }

    /// <summary>Members of a list: Name.member.1, Name.member.2, ...</summary>
    public List<string> List(string name)
    {
        var result = new List<string>();
        for (var i = 1; Get($"{name}.member.{i}") is { } value; i++)
        {
            result.Add(value);
        }
        return result;
    }

    /// <summary>Key/Value structures of a list: Name.member.N.Key and .Value.</summary>
    public List<KeyValuePair<string, string>> Pairs(string name)
    {
        var result = new List<KeyValuePair<string, string>>();
        for (var i = 1; Get($"{name}.member.{i}.Key") is { } key; i++)
        {
            result.Add(KeyValuePair.Create(key, Get($"{name}.member.{i}.Value") ?? ""));
        }
        return result;
    }

    /// <summary>Parses application/x-www-form-urlencoded text ('+' is a space there).</summary>
    public static QueryRequest Parse(string form)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in form.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=');
            var key = Decode(eq < 0 ? part : part[..eq]);
            fields[key] = eq < 0 ? "" : Decode(part[(eq + 1)..]);
        }
        return new QueryRequest(fields);
    }

    public static QueryRequest Parse(ReadOnlySpan<byte> body, string rawQuery) =>
        Parse(body.Length > 0 ? Encoding.UTF8.GetString(body) : rawQuery);

    private static string Decode(string s) => Uri.UnescapeDataString(s.Replace('+', ' '));
}
