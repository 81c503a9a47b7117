using System.Text;

namespace PodIdentity.Plugin.Values.Internal;

/// <summary>A compact HCL-like rendering for messages and test output, e.g. <c>{ a = "x", b = (unknown) }</c>.</summary>
internal static class ValueFormatter
{
    public static string Format(CtyValue value)
    {
        var sb = new StringBuilder();
        Append(sb, value);
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, CtyValue v)
    {
        if (v.IsNull)
        {
            sb.Append("null");
            return;
        }

        if (!v.IsKnown)
        {
            sb.Append("(unknown ").Append(v.Type.FriendlyName).Append(')');
            return;
        }

        switch (v.Type)
        {
            case PrimitiveType { Kind: PrimitiveKind.String }:
                sb.Append('"').Append(v.AsString().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
                break;
            case PrimitiveType { Kind: PrimitiveKind.Bool }:
                sb.Append(v.AsBool() ? "true" : "false");
                break;
            case PrimitiveType:
                sb.Append(v.AsNumber().ToString());
                break;
            case ObjectType o:
                sb.Append('{');
                for (var i = 0; i < o.Count; i++)
                {
                    sb.Append(i == 0 ? " " : ", ").Append(o.NameSpan[i]).Append(" = ");
                    Append(sb, v.ElementSpan[i]);
                }

                sb.Append(o.Count == 0 ? "}" : " }");
                break;
            case MapType:
                sb.Append('{');
                var first = true;
                foreach (var e in v.MapSpan)
                {
                    sb.Append(first ? " \"" : ", \"").Append(e.Key).Append("\" = ");
                    Append(sb, e.Value);
                    first = false;
                }

                sb.Append(first ? "}" : " }");
                break;
            default:
                sb.Append(v.Type is SetType ? "set[" : "[");
                for (var i = 0; i < v.ElementSpan.Length; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(", ");
                    }

                    Append(sb, v.ElementSpan[i]);
                }

                sb.Append(']');
                break;
        }
    }
}
