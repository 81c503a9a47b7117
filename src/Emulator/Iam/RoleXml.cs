using System.Xml.Linq;
using PodIdentity.Emulator.Protocol;
using PodIdentity.Emulator.State;

namespace PodIdentity.Emulator.Iam;

/// <summary>The IAM Role shape in XML (namespace added by the response writer).</summary>
internal static class RoleXml
{
    public static XElement Write(Role role, bool withTags, string elementName = "Role")
    {
        var e = new XElement(elementName,
            new XElement("Path", role.Path),
            new XElement("RoleName", role.Name),
            new XElement("RoleId", role.RoleId),
            new XElement("Arn", role.Arn),
            new XElement("CreateDate", QueryXmlResponse.Timestamp(role.CreateDate)),
            // AWS sends the trust policy URL-encoded; SDKs hand it over as-is.
            new XElement("AssumeRolePolicyDocument", Uri.EscapeDataString(role.AssumeRolePolicyDocument)));
        if (role.Description is not null)
        {
            e.Add(new XElement("Description", role.Description));
        }
        e.Add(new XElement("MaxSessionDuration", role.MaxSessionDuration));
        if (withTags)
        {
            if (role.Tags.Count > 0)
            {
                e.Add(Tags(role.Tags));
            }
            e.Add(new XElement("RoleLastUsed"));
        }
        return e;
    }

    public static XElement Tags(IEnumerable<KeyValuePair<string, string>> tags) =>
        new("Tags", tags.Select(t => new XElement("member", new XElement("Key", t.Key), new XElement("Value", t.Value))));
}
