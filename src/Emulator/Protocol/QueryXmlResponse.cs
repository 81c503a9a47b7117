using System.Xml.Linq;
using Microsoft.AspNetCore.Http;

namespace PodIdentity.Emulator.Protocol;

/// <summary>Writes query-protocol (IAM, STS) answers as AWS does: XResponse/XResult and ErrorResponse.</summary>
internal static class QueryXmlResponse
{
    public static Task WriteResultAsync(HttpResponse response, string ns, string action, XElement? result,
        string requestId)
    {
        XNamespace x = ns;
        var root = new XElement(x + action + "Response");
        if (result is not null)
        {
            root.Add(Requalify(result, x));
        }
        root.Add(new XElement(x + "ResponseMetadata", new XElement(x + "RequestId", requestId)));
        return WriteAsync(response, root, 200);
    }

    public static Task WriteErrorAsync(HttpResponse response, string ns, AwsError error, string requestId)
    {
        XNamespace x = ns;
        var root = new XElement(x + "ErrorResponse",
            new XElement(x + "Error",
                new XElement(x + "Type", error.FaultType),
                new XElement(x + "Code", error.Code),
                new XElement(x + "Message", error.Message)),
            new XElement(x + "RequestId", requestId));
        return WriteAsync(response, root, error.Status);
    }

    /// <summary>Query timestamps are ISO 8601 in UTC.</summary>
    public static string Timestamp(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ");

    private static XElement Requalify(XElement e, XNamespace ns) =>
        new(ns + e.Name.LocalName, e.Attributes(),
            e.Nodes().Select(n => n is XElement child ? Requalify(child, ns) : n));

    private static async Task WriteAsync(HttpResponse response, XElement root, int status)
    {
        response.StatusCode = status;
        response.ContentType = "text/xml";
        var bytes = System.Text.Encoding.UTF8.GetBytes(root.ToString(SaveOptions.DisableFormatting));
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes);
    }
}
