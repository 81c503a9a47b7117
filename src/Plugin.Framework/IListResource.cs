using PodIdentity.Plugin.Values;

namespace PodIdentity.Plugin.Framework;

/// <summary>
/// A list resource (tfplugin6.10, <c>terraform query</c> in Terraform 1.14+): finds existing remote objects of the
/// managed resource type with the same <see cref="TypeName"/>, which must have an identity. The framework writes
/// each result to the gRPC stream as it comes, stops after the request's limit and ends the stream after a result
/// with an error diagnostic.
/// </summary>
public interface IListResource
{
    /// <summary>Equals the managed resource type it lists.</summary>
    string TypeName { get; }

    /// <summary>The schema of the list block's <c>config</c> (filters); describable like any schema.</summary>
    Schema ConfigSchema { get; }

    IAsyncEnumerable<ListResult> ListAsync(ListRequest request, CancellationToken cancellationToken);
}

/// <summary>The Configure step for list resources: the provider's data, once, after ConfigureProvider succeeds.</summary>
public interface IListResourceWithConfigure : IListResource
{
    void Configure(object? providerData);
}

/// <summary>Checks across the list block's config attributes, after each attribute's own validators (ValidateListResourceConfig).</summary>
public interface IListResourceWithValidateConfig : IListResource
{
    void ValidateConfig(ValidateConfigRequest request, Diagnostics diagnostics);
}

/// <summary>A provider that offers list resources.</summary>
public interface IProviderWithListResources : IProvider
{
    IReadOnlyList<IListResource> ListResources { get; }
}

public sealed class ListRequest
{
    /// <summary>The list block's <c>config</c>, of <see cref="IListResource.ConfigSchema"/>'s type; wholly known.</summary>
    public required CtyValue Config { get; init; }

    /// <summary>Set each result's <see cref="ListResult.ResourceObject"/> (the full object as Read would store it).</summary>
    public bool IncludeResourceObject { get; init; }

    /// <summary>At most this many results are used (0: no limit); ask the API for no more than that.</summary>
    public long Limit { get; init; }
}

public sealed class ListResult
{
    public string DisplayName { get; init; } = "";

    /// <summary>The object's identity, of the resource's identity type; wholly known.</summary>
    public CtyValue? Identity { get; init; }

    /// <summary>The full object in the resource schema's type; only used when the request asked for it.</summary>
    public CtyValue? ResourceObject { get; init; }

    /// <summary>An error here ends the stream after this result.</summary>
    public Diagnostics Diagnostics { get; } = new();

    /// <summary>A result that only reports a failure (it ends the stream).</summary>
    public static ListResult Error(string summary, string detail = "", AttributePath? path = null)
    {
        var result = new ListResult();
        result.Diagnostics.AddError(summary, detail, path);
        return result;
    }
}
