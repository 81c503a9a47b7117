using System.Globalization;
using PodIdentity.Aws.Clients;
using PodIdentity.Plugin.Framework;
using PodIdentity.Plugin.Values;

namespace PodIdentity.Provider.Addons;

/// <summary>The <c>timeouts</c> block: Go-style durations ("20m", "1h30m", "45s") with the official defaults.</summary>
internal static class AddonTimeouts
{
    public static readonly TimeSpan CreateDefault = TimeSpan.FromMinutes(20);
    public static readonly TimeSpan UpdateDefault = TimeSpan.FromMinutes(20);
    public static readonly TimeSpan DeleteDefault = TimeSpan.FromMinutes(40);

    /// <summary>The timeout for <paramref name="operation"/> (create, update, delete) from a resource value.</summary>
    public static TimeSpan For(CtyValue resource, string operation, TimeSpan fallback)
    {
        var block = resource.GetAttribute(AddonNames.Timeouts);
        if (block.IsNull || !block.IsKnown)
        {
            return fallback;
        }

        return block.GetString(operation) is { } text && TryParse(text, out var d) ? d : fallback;
    }

    /// <summary>A duration as the user would write it: "3s", "20m", "1h30m", "1.5s".</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero)
        {
            return "0s";
        }

        var text = new System.Text.StringBuilder();
        if (duration.Hours + (duration.Days * 24) is > 0 and var hours)
        {
            text.Append(hours.ToString(CultureInfo.InvariantCulture)).Append('h');
        }

        if (duration.Minutes > 0)
        {
            text.Append(duration.Minutes.ToString(CultureInfo.InvariantCulture)).Append('m');
        }

        var seconds = duration.Seconds + (duration.Milliseconds / 1000.0);
        if (seconds > 0)
        {
            text.Append(seconds.ToString("0.###", CultureInfo.InvariantCulture)).Append('s');
        }

        return text.Length == 0 ? "0s" : text.ToString();
    }

    /// <summary>Go's duration syntax (the parser the provider configuration uses); negative durations are refused.</summary>
    public static bool TryParse(string text, out TimeSpan duration) =>
        GoDuration.TryParse(text, out duration) && duration >= TimeSpan.Zero;
}
