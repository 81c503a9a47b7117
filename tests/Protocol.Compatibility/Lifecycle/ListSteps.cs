using PodIdentity.Plugin.Values;
using PodIdentity.Protocol.Compatibility.Tfplugin6;

namespace PodIdentity.Protocol.Compatibility.Lifecycle;

/// <summary><c>terraform query</c> with a <c>list "aws_eks_pod_identity_association"</c> block (issue 13 item 2), as
/// Terraform 1.14 sends it: ValidateListResourceConfig in the validate walk and again before ListResource.</summary>
internal static class ListSteps
{
    public static CtyValue ListConfig(this ProviderSession s, string cluster, string? ns = null, string? serviceAccount = null)
    {
        var shape = s.Schemas.ListResource(AssociationLifecycle.Type)!;
        var arguments = new Dictionary<string, CtyValue> { ["cluster_name"] = CtyValue.String(cluster) };
        if (ns is not null)
        {
            arguments["namespace"] = CtyValue.String(ns);
        }

        if (serviceAccount is not null)
        {
            arguments["service_account"] = CtyValue.String(serviceAccount);
        }

        return shape.Config(arguments);
    }

    /// <summary>One query command; <paramref name="body"/> runs in the query walk after ConfigureProvider.</summary>
    public static async Task<T> QueryAsync<T>(
        this AssociationLifecycle lifecycle, Func<ProviderSession, CtyValue> listConfig, Func<ProviderSession, CtyValue, Task<T>> body)
    {
        var cli = lifecycle.Cli;
        cli.NewCommand("query");
        await cli.WalkAsync(Walk.Validate, async s =>
        {
            await s.ValidateProviderConfigAsync(lifecycle.ProviderConfig(s));
            await s.ValidateListResourceConfigAsync(AssociationLifecycle.Type, listConfig(s));
        });
        return await cli.WalkAsync(Walk.Plan, async s =>
        {
            await s.ConfigureAsync(lifecycle.ProviderConfig(s));
            var config = listConfig(s);
            await s.ValidateListResourceConfigAsync(AssociationLifecycle.Type, config);
            return await body(s, config);
        });
    }

    /// <summary>Each result: a display name, the identity, and (when asked for) the object exactly as read stores it.</summary>
    public static void AssertResults(this AssociationLifecycle lifecycle, IReadOnlyList<ListedResource> results, IReadOnlyList<StoredObject> expected, bool withObjects)
    {
        Assert.Equal(expected.Count, results.Count);
        foreach (var state in expected)
        {
            var identity = lifecycle.ExpectedIdentity(state.Value);
            var match = Assert.Single(results, r => r.Identity.Equals(identity));
            Assert.False(string.IsNullOrWhiteSpace(match.DisplayName), "a list result needs a display name");
            if (withObjects)
            {
                Assert.NotNull(match.ResourceObject);
                Assert.Equal(state.Value, match.ResourceObject);
            }
            else
            {
                Assert.True(match.ResourceObject is null || match.ResourceObject.IsNull, "resource_object sent although include_resource_object was false");
            }
        }
    }

    public static Task<(IReadOnlyList<ListedResource> Results, IReadOnlyList<Diagnostic> Diagnostics, int Events)> ListAsync(
        this ProviderSession s, CtyValue config, bool includeResourceObject, long limit = 100, bool readPastLimit = false) =>
        s.ListResourceAsync(AssociationLifecycle.Type, config, includeResourceObject, limit, readPastLimit);

    public static string Cluster => EmulatorSeed.ClusterName;
}
