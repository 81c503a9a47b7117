using System.Text;

namespace PodIdentity.Plugin.Values;

/// <summary>An immutable path into a value, printed the way Terraform prints it: <c>rules[2].name</c>, <c>tags["env"]</c>.</summary>
public sealed class AttributePath : IEquatable<AttributePath>
{
    private readonly PathStep[] _steps;

    private AttributePath(PathStep[] steps) => _steps = steps;

    public static AttributePath Root { get; } = new([]);

    public IReadOnlyList<PathStep> Steps => _steps;

    public bool IsRoot => _steps.Length == 0;

    public static AttributePath FromSteps(IEnumerable<PathStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var array = steps.ToArray();
        foreach (var s in array)
        {
            ArgumentNullException.ThrowIfNull(s, nameof(steps));
        }

        return array.Length == 0 ? Root : new AttributePath(array);
    }

    public AttributePath Attribute(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Append(new AttributeNameStep(name));
    }

    public AttributePath Key(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Append(new ElementKeyStringStep(key));
    }

    public AttributePath Index(long index) => Append(new ElementKeyIntStep(index));

    public AttributePath Append(PathStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        var steps = new PathStep[_steps.Length + 1];
        _steps.CopyTo(steps, 0);
        steps[^1] = step;
        return new AttributePath(steps);
    }

    public bool Equals(AttributePath? other) => other is not null && _steps.AsSpan().SequenceEqual(other._steps);

    public override bool Equals(object? obj) => obj is AttributePath p && Equals(p);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var s in _steps)
        {
            hash.Add(s);
        }

        return hash.ToHashCode();
    }

    public override string ToString()
    {
        var sb = new StringBuilder();
        foreach (var step in _steps)
        {
            switch (step)
            {
                case AttributeNameStep a:
                    if (sb.Length > 0)
                    {
                        sb.Append('.');
                    }

                    sb.Append(a.Name);
                    break;
                case ElementKeyStringStep k:
                    sb.Append('[');
                    AppendQuoted(sb, k.Key);
                    sb.Append(']');
                    break;
                case ElementKeyIntStep i:
                    sb.Append('[').Append(i.Index).Append(']');
                    break;
            }
        }

        return sb.ToString();
    }

    private static void AppendQuoted(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"':
                    sb.Append("\\\"");
                    break;
                case '\\':
                    sb.Append("\\\\");
                    break;
                case '\n':
                    sb.Append("\\n");
                    break;
                case '\r':
                    sb.Append("\\r");
                    break;
                case '\t':
                    sb.Append("\\t");
                    break;
                default:
                    if (char.IsControl(c))
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        sb.Append('"');
    }
}
