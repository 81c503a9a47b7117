using System.Globalization;
using System.Text.RegularExpressions;
using PodIdentity.Aws.Clients;
using PodIdentity.Plugin.Framework;
using PodIdentity.Plugin.Values;
using PodIdentity.Provider.Shared;
using static PodIdentity.Provider.Shared.StringAttributes;
using N = PodIdentity.Provider.Addons.AddonNames;

namespace PodIdentity.Provider.Addons;

/// <summary>
/// <c>data "aws_eks_addon_version"</c>: the version EKS installs by default on a Kubernetes version, or with
/// <c>most_recent</c> the newest version compatible with it.
/// </summary>
internal sealed partial class AddonVersionDataSource() : ConfiguredDataSource(N.VersionDataSourceType, DataSchema)
{
    private static readonly Schema DataSchema = new()
    {
        Description = "Finds the default (or newest) version of an EKS add-on for a Kubernetes version.",
        Attributes =
        [
            Required(N.AddonName, "The add-on, e.g. eks-pod-identity-agent."),
            Required(N.KubernetesVersion, "The cluster's Kubernetes version, e.g. 1.33.",
                Validators.StringMatches(MinorVersionPattern(), "must be a Kubernetes minor version such as 1.33")),
            new SchemaAttribute { Name = N.MostRecent, Type = CtyType.Bool, Optional = true, Description = "The newest compatible version instead of the default." },
            Lookup(N.Region, "Defaults to the provider's region."),
            Output(N.Id, "The add-on name."),
            Output(N.Version, "The chosen version."),
        ],
    };

    public override async Task ReadAsync(DataSourceReadRequest request, DataSourceReadResponse response, CancellationToken cancellationToken)
    {
        var context = Context;

        var config = request.Config;
        var name = config.GetString(N.AddonName)!;
        var kubernetes = config.GetString(N.KubernetesVersion)!;
        var region = context.RegionOf(config);
        var versions = new List<AddonVersionInfo>();
        try
        {
            string? token = null;
            do
            {
                var page = await context.EksFor(region).DescribeAddonVersionsAsync(
                    new DescribeAddonVersionsRequest { AddonName = name, KubernetesVersion = kubernetes, NextToken = token }, cancellationToken).ConfigureAwait(false);
                versions.AddRange(page.Addons.Where(a => a.AddonName == name).SelectMany(a => a.AddonVersions ?? []));
                token = page.NextToken;
            }
            while (token is not null);
        }
        catch (Exception e) when (AwsErrors.IsReportable(e))
        {
            AwsErrors.Add(response.Diagnostics, $"Error reading versions of EKS Add-On {name}", e);
            return;
        }

        var chosen = Choose(versions, kubernetes, config.GetBool(N.MostRecent) ?? false);
        if (chosen is null)
        {
            response.Diagnostics.AddError(
                "No EKS Add-On version found",
                $"EKS lists no {((config.GetBool(N.MostRecent) ?? false) ? "" : "default ")}version of {name} for Kubernetes {kubernetes} in {region}. "
                + "Check the add-on name and Kubernetes version.");
            return;
        }

        response.State = response.State.WithString(N.Id, name).WithString(N.Version, chosen).WithString(N.Region, region);
    }

    /// <summary>The default version for the Kubernetes version, or the newest compatible one.</summary>
    internal static string? Choose(IEnumerable<AddonVersionInfo> versions, string kubernetes, bool mostRecent)
    {
        var compatible = versions
            .Where(v => v.AddonVersion is not null && (v.Compatibilities ?? []).Any(c => c.ClusterVersion == kubernetes))
            .ToList();
        if (mostRecent)
        {
            return compatible.OrderByDescending(v => SortKey(v.AddonVersion!)).FirstOrDefault()?.AddonVersion;
        }

        return compatible.FirstOrDefault(v => v.Compatibilities!.Any(c => c.ClusterVersion == kubernetes && c.DefaultVersion == true))?.AddonVersion;
    }

    // v1.3.10-eksbuild.2 -> 00001.00003.00010.00002: numeric parts compare as numbers.
    private static string SortKey(string version) => string.Join('.', version.TrimStart('v')
        .Split(['.', '-'], StringSplitOptions.RemoveEmptyEntries)
        .Select(p => long.TryParse(new string(p.Where(char.IsDigit).ToArray()), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n.ToString("D10", CultureInfo.InvariantCulture) : p));

    [GeneratedRegex(@"^[0-9]+\.[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex MinorVersionPattern();
}
