using System.Globalization;
using System.Xml.Linq;

namespace PodIdentity.Aws.Clients;

/// <summary>The AWS query protocol: form-encoded POST to "/", XML <c>&lt;XResponse&gt;&lt;XResult&gt;</c> replies.</summary>
internal static class QueryProtocol
{
    private const string FormContentType = "application/x-www-form-urlencoded; charset=utf-8";

    public static async Task<XElement> CallAsync(AwsTransport transport, ServiceEndpoint endpoint, CredentialSource? credentials,
        string service, string action, string version, QueryBuilder parameters, CancellationToken cancellationToken)
    {
        var form = new QueryBuilder().Add("Action", action).Add("Version", version);
        var text = parameters.IsEmpty ? form.ToString() : form + "&" + parameters;
        var request = new AwsHttpRequest(HttpMethod.Post, "/", System.Text.Encoding.UTF8.GetBytes(text), FormContentType);
        var response = await transport.SendAsync(request, endpoint, credentials, AwsProtocol.Query, service, action, cancellationToken)
            .ConfigureAwait(false);
        try
        {
            var doc = XDocument.Parse(System.Text.Encoding.UTF8.GetString(response.Body));
            return doc.Root?.Elements().FirstOrDefault(e => e.Name.LocalName == action + "Result")
                ?? throw new AwsApiException(service, action, response.Status, "InvalidResponse", $"The response has no {action}Result.", response.RequestId);
        }
        catch (System.Xml.XmlException e)
        {
            throw new AwsApiException(service, action, response.Status, "InvalidResponse", "The response is not valid XML: " + e.Message, response.RequestId);
        }
    }

    public static XElement? Child(this XElement? parent, string name) =>
        parent?.Elements().FirstOrDefault(e => e.Name.LocalName == name);

    public static string? Text(this XElement? parent, string name) => parent.Child(name)?.Value;

    public static DateTimeOffset? Time(this XElement? parent, string name) =>
        parent.Text(name) is { } s && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;

    public static int? Int(this XElement? parent, string name) =>
        parent.Text(name) is { } s && int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>Elements of a <c>&lt;List&gt;&lt;member&gt;…</c> list.</summary>
    public static IEnumerable<XElement> Members(this XElement? parent, string name) =>
        parent.Child(name)?.Elements().Where(e => e.Name.LocalName == "member") ?? [];
}
