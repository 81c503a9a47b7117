using PodIdentity.Provider.AcceptanceTests.Harness;

namespace PodIdentity.Provider.AcceptanceTests.Addons;

/// <summary>Configuration snippets for the add-on CLI scenarios (associations come from PodIdentity.Hcl).</summary>
internal static class AddonHcl
{
    public const string Agent = "aws_eks_addon.agent";

    public static string Addon(string name, string addonName, string extra = "") => $$"""
        resource "aws_eks_addon" "{{name}}" {
          cluster_name = "{{EmulatorSeed.ClusterName}}"
          addon_name   = "{{addonName}}"
        {{extra}}
        }

        """;
}
