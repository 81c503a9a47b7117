using System.Text.RegularExpressions;

namespace PodIdentity.Emulator.Eks;

/// <summary>The model's ClusterName shape: 1-100 characters, ^[0-9A-Za-z][A-Za-z0-9\-_]*.</summary>
internal static partial class ClusterNames
{
    [GeneratedRegex("^[0-9A-Za-z][A-Za-z0-9\\-_]*$")]
    private static partial Regex Pattern();

    public static bool IsValid(string name) => name.Length <= 100 && Pattern().IsMatch(name);
}
