using System.Text.Json.Nodes;

namespace PodIdentity.TestSupport;

/// <summary>
/// One request as <see cref="FakeHttpHandler"/> received it: everything a test may assert on. Header names are lower
/// case; <see cref="Operation"/> is what the handler's classifier named it.
/// </summary>
public sealed record RecordedRequest(HttpMethod Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string Operation { get; init; } = "";

    /// <summary>The path, percent-decoded.</summary>
    public string Path => Uri.UnescapeDataString(Uri.AbsolutePath);

    /// <summary>The query string with its '?', percent-decoded ("" when there is none).</summary>
    public string Query => Uri.UnescapeDataString(Uri.Query);

    /// <summary>The Authorization header, or null when it was not sent.</summary>
    public string? Authorization => Headers.TryGetValue("authorization", out var v) ? v : null;

    public JsonObject Json => (JsonObject)JsonNode.Parse(Body)!;

    /// <summary>The header's value, or "" when it was not sent.</summary>
    public string Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var v) ? v : "";

    public Dictionary<string, List<string>> QueryValues() => ParsePairs(Uri.Query.TrimStart('?'));

    /// <summary>The body as application/x-www-form-urlencoded pairs (the AWS query protocol).</summary>
    public Dictionary<string, List<string>> FormValues() => ParsePairs(Body);

    /// <summary>The first value of a form field, or null.</summary>
    public string? FormValue(string name) => FormValues().TryGetValue(name, out var values) ? values[0] : null;

    public override string ToString() => $"{Operation}: {Method} {Uri}";

    private static Dictionary<string, List<string>> ParsePairs(string text)
    {
        var pairs = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var pair in text.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=');
            var key = Decode(eq < 0 ? pair : pair[..eq]);
            var value = eq < 0 ? "" : Decode(pair[(eq + 1)..]);
            if (!pairs.TryGetValue(key, out var list))
            {
                pairs[key] = list = [];
            }

            list.Add(value);
        }

        return pairs;
    }

    // In form encoding '+' is a space; a literal plus arrives as %2B.
    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
}
