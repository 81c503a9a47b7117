namespace PodIdentity.Emulator.Eks;

/// <summary>
/// One EKS operation: its HTTP binding as in the model, the error codes its handler may answer with, and the
/// handler. The route-check test compares all three with the botocore model.
/// </summary>
internal sealed record EksRoute(
    string Operation,
    string Method,
    string UriTemplate,
    IReadOnlyList<string> Errors,
    Func<EksCall, System.Text.Json.Nodes.JsonObject> Handler)
{
    private static readonly string[] ClientErrorPreference =
        ["InvalidParameterException", "InvalidRequestException", "BadRequestException", "ClientException"];

    private readonly string[] _segments = UriTemplate.Split('/', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The operation's own code for a malformed request: the first of the usual ones the model lists.</summary>
    public string ClientErrorCode => ClientErrorPreference.FirstOrDefault(Errors.Contains) ?? "InvalidParameterException";

    /// <summary>Matches decoded path segments; fills the {label} values.</summary>
    public bool TryMatch(IReadOnlyList<string> segments, out Dictionary<string, string> labels)
    {
        labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (segments.Count != _segments.Length)
        {
            return false;
        }
        for (var i = 0; i < _segments.Length; i++)
        {
            var template = _segments[i];
            if (template.StartsWith('{') && template.EndsWith('}'))
            {
                labels[template[1..^1]] = segments[i];
            }
            else if (!string.Equals(template, segments[i], StringComparison.Ordinal))
            {
                return false;
            }
        }
        return true;
    }
}
