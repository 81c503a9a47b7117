namespace PodIdentity.Provider.AcceptanceTests.ProviderConfig;

/// <summary>Configuration text shared by the provider configuration CLI tests.</summary>
internal static class ProviderConfigFiles
{
    public const string RequiredProviders = """
        terraform {
          required_providers {
            aws = { source = "podidentity/aws" }
          }
        }

        """;

    /// <summary>A resource that makes Terraform start, validate and (for plan) configure the provider.</summary>
    public const string Association = """

        resource "aws_eks_pod_identity_association" "app" {
          cluster_name    = "pod-identity-lab"
          namespace       = "default"
          service_account = "app"
          role_arn        = "arn:aws:iam::123456789012:role/payments-api"
        }
        """;

    /// <summary>main.tf with <paramref name="providerBody"/> inside <c>provider "aws" { }</c>.</summary>
    public static string MainTf(string providerBody) =>
        RequiredProviders + "provider \"aws\" {\n" + providerBody + "}\n" + Association;

    /// <summary>1-based line of the first line of <paramref name="text"/> containing <paramref name="needle"/>.</summary>
    public static int LineOf(string text, string needle)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Contains(needle, StringComparison.Ordinal))
            {
                return i + 1;
            }
        }

        throw new InvalidOperationException($"\"{needle}\" is not in the configuration");
    }
}
