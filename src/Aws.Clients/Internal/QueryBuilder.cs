using System.Text;

namespace PodIdentity.Aws.Clients;

/// <summary>Builds <c>a=1&amp;b=2</c> strings with RFC 3986 escaping (spaces as %20), for URIs and query-protocol bodies.</summary>
internal sealed class QueryBuilder
{
    private readonly StringBuilder _sb = new();

    public bool IsEmpty => _sb.Length == 0;

    public QueryBuilder Add(string name, string? value)
    {
        if (value is null)
        {
            return this;
        }

        if (_sb.Length > 0)
        {
            _sb.Append('&');
        }

        _sb.Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
        return this;
    }

    public QueryBuilder Add(string name, int? value) =>
        value is null ? this : Add(name, value.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public QueryBuilder Add(string name, bool? value) => value is null ? this : Add(name, value.Value ? "true" : "false");

    /// <summary>rest-json repeats the key for each list element.</summary>
    public QueryBuilder AddEach(string name, IEnumerable<string>? values)
    {
        foreach (var v in values ?? [])
        {
            Add(name, v);
        }

        return this;
    }

    public override string ToString() => _sb.ToString();

    /// <summary>A path segment with every reserved character escaped (an ARN's ':' and '/' included).</summary>
    public static string Segment(string value)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new ArgumentException("A URI path parameter cannot be empty.", nameof(value));
        }

        return Uri.EscapeDataString(value);
    }
}
